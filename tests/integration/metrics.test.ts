import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardRoots, createCard } from '../../src/lib/board';
import { CloseCode } from '../../src/lib/sync/close-codes';
import { startServer, type TestServer } from '../helpers/server';
import { closeOf, connectClient, openSocket, waitUntil } from './support';

let server: TestServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server.dispose();
});

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const VALUE = '(?:[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|NaN|[-+]Inf)';
const SAMPLE = new RegExp(`^(${NAME})(\\{${LABEL}(?:,${LABEL})*\\})? (${VALUE})$`);
const COMMENT = new RegExp(
	`^# (?:HELP ${NAME} .+|TYPE ${NAME} (?:counter|gauge|histogram|summary|untyped))$`
);

/** Fetches `/metrics`, checks every line's syntax and returns the samples by name and labels. */
async function scrape(): Promise<Map<string, number>> {
	const response = await fetch(`${server.url}/metrics`);
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toContain('text/plain');
	const text = await response.text();
	expect(text.endsWith('\n')).toBe(true);
	const samples = new Map<string, number>();
	for (const line of text.slice(0, -1).split('\n')) {
		if (line.startsWith('#')) {
			expect(line).toMatch(COMMENT);
			continue;
		}
		const match = SAMPLE.exec(line);
		expect(match, `sample line ${JSON.stringify(line)}`).not.toBeNull();
		const [, name, labels = '', value] = match as RegExpExecArray;
		samples.set(`${name}${labels}`, Number(value.replace('Inf', 'Infinity')));
	}
	return samples;
}

function sample(samples: Map<string, number>, key: string): number {
	const value = samples.get(key);
	if (value === undefined) throw new Error(`No sample ${key} in /metrics.`);
	return value;
}

describe('metrics endpoint', () => {
	it('text format parses', async () => {
		const samples = await scrape();
		expect(sample(samples, 'tandem_websocket_connections')).toBe(0);
		expect(sample(samples, 'tandem_boards_loaded')).toBe(0);
		expect(sample(samples, 'process_resident_memory_bytes')).toBeGreaterThan(1024 * 1024);
		expect(sample(samples, 'nodejs_heap_used_bytes')).toBeGreaterThan(0);
		expect(sample(samples, 'tandem_store_write_seconds_bucket{le="+Inf"}')).toBe(0);
	});

	it('counters move after traffic', async () => {
		const before = await scrape();
		const alice = await connectClient(server.wsUrl, 'counted');
		const bob = await connectClient(server.wsUrl, 'counted');
		const ids: string[] = [];
		for (let index = 0; index < 5; index++) {
			ids.push(createCard(alice.doc, { title: `Card ${index}`, stageId: 'lead' }, { by: 'a' }));
		}
		await waitUntil(
			() => ids.every((id) => boardRoots(bob.doc).cards.has(id)),
			'bob receives the cards'
		);

		const during = await scrape();
		expect(sample(during, 'tandem_websocket_connections')).toBe(2);
		expect(sample(during, 'tandem_boards_loaded')).toBe(1);
		const relayed = (key: string) => sample(during, key) - sample(before, key);
		expect(relayed('tandem_updates_relayed_total')).toBeGreaterThanOrEqual(5);
		expect(relayed('tandem_relayed_bytes_total')).toBeGreaterThan(0);
		expect(relayed('tandem_frames_received_total')).toBeGreaterThanOrEqual(5);
		expect(relayed('tandem_received_bytes_total')).toBeGreaterThan(0);
		expect(relayed('tandem_store_write_seconds_count')).toBeGreaterThanOrEqual(5);
		expect(sample(during, 'tandem_store_write_seconds_bucket{le="+Inf"}')).toBe(
			sample(during, 'tandem_store_write_seconds_count')
		);
		expect(sample(during, 'tandem_store_write_seconds_sum')).toBeGreaterThan(0);

		const socket = await openSocket(server.wsUrl, 'counted');
		const closed = closeOf(socket);
		socket.send(Uint8Array.from([9, 9, 9]));
		expect((await closed).code).toBe(CloseCode.MALFORMED_MESSAGE);
		const rejected = 'tandem_rejected_frames_total{reason="malformed_message"}';
		await waitUntil(async () => (await scrape()).get(rejected) === 1, 'the rejection is counted');

		alice.destroy();
		bob.destroy();
		await waitUntil(
			async () => (await scrape()).get('tandem_websocket_connections') === 0,
			'the connections are counted as closed'
		);
	});
});
