import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardRoots, createCard, moveCard, readCards } from '../../src/lib/board';
import { loadConfig } from '../../server/config';
import { MemoryStore } from '../../server/persistence/memory';
import { LocalHub, LocalPubSub } from '../../server/pubsub/local';
import { startServer, type RunningServer } from '../../server/start';
import { connectClient, docJson, sameState, waitUntil, type BoardClient } from './support';

// Two servers in this process, sharing one store and one fan-out hub, stand in for two server
// processes sharing Postgres and Redis.
const store = new MemoryStore();
const hub = new LocalHub();
const servers: RunningServer[] = [];
const clients: BoardClient[] = [];

function wsUrl(server: RunningServer): string {
	return `${server.url.replace(/^http/, 'ws')}/ws`;
}

async function client(server: RunningServer, boardId: string): Promise<BoardClient> {
	const connected = await connectClient(wsUrl(server), boardId);
	clients.push(connected);
	return connected;
}

beforeAll(async () => {
	const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', ROOM_GRACE_MS: '100' });
	for (let index = 0; index < 2; index++) {
		const pubsub = new LocalPubSub(hub);
		servers.push(await startServer(config, pino({ level: 'silent' }), { store, pubsub }));
	}
});

afterAll(async () => {
	for (const connected of clients) connected.destroy();
	for (const server of servers) await server.close();
});

describe('fan-out between servers', () => {
	it('clients on two servers converge', async () => {
		const alice = await client(servers[0], 'shared');
		const bob = await client(servers[1], 'shared');
		const first = createCard(alice.doc, { title: 'Acme', stageId: 'lead' }, { by: 'alice' });
		await waitUntil(() => boardRoots(bob.doc).cards.has(first), 'bob receives the card');
		moveCard(bob.doc, first, { stageId: 'won' }, { by: 'bob' });
		createCard(bob.doc, { title: 'Globex', stageId: 'qualified' }, { by: 'bob' });

		await waitUntil(() => sameState(alice.doc, bob.doc), 'both documents have every update');
		expect(docJson(alice.doc)).toEqual(docJson(bob.doc));
		expect(readCards(alice.doc).find((card) => card.id === first)?.position.stageId).toBe('won');
	});

	it('awareness reaches the other server', async () => {
		const alice = await client(servers[0], 'presence');
		const bob = await client(servers[1], 'presence');
		alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
		await waitUntil(
			() => bob.provider.awareness.getStates().get(alice.doc.clientID)?.user?.name === 'Alice',
			'bob sees alice'
		);
		alice.destroy();
		await waitUntil(
			() => !bob.provider.awareness.getStates().has(alice.doc.clientID),
			'bob sees alice leave'
		);
	});

	it('each update is stored once', async () => {
		const alice = await client(servers[0], 'stored-once');
		const bob = await client(servers[1], 'stored-once');
		const before = (await store.loadBoard('stored-once'))?.updates.length ?? 0;
		const id = createCard(alice.doc, { title: 'Once', stageId: 'lead' }, { by: 'alice' });
		await waitUntil(() => boardRoots(bob.doc).cards.has(id), 'bob receives the card');
		expect((await store.loadBoard('stored-once'))?.updates.length).toBe(before + 1);
	});
});
