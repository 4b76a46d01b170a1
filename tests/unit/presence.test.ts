/**
 * Presence over real y-protocols awareness instances, linked the way the server relays them:
 * renewals keep a live peer, a peer that goes quiet is dropped, and leaving is seen at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
	BoardPresence,
	colorFor,
	defaultName,
	readPresenceState,
	type PresenceUser
} from '../../src/lib/sync/presence.svelte';

const RENEW_MS = 50;
const TIMEOUT_MS = 200;
const ALICE: PresenceUser = { id: 'guest-aaaa1111', name: 'Alice Wong', color: '#1d4ed8' };
const BOB: PresenceUser = { id: 'guest-bbbb2222', name: '李雷', color: '#b91c1c' };

/** Forwards awareness updates from one instance to another while `open` is true. */
function link(from: Awareness, to: Awareness): { open: boolean } {
	const state = { open: true };
	from.on(
		'update',
		(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
			if (!state.open || origin === 'relay') return;
			const changed = [...changes.added, ...changes.updated, ...changes.removed];
			applyAwarenessUpdate(to, encodeAwarenessUpdate(from, changed), 'relay');
		}
	);
	return state;
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 3_000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const created: BoardPresence[] = [];

function pair() {
	const alice = new Awareness(new Y.Doc());
	const bob = new Awareness(new Y.Doc());
	const aliceToBob = link(alice, bob);
	const bobToAlice = link(bob, alice);
	const options = { renewIntervalMs: RENEW_MS, peerTimeoutMs: TIMEOUT_MS };
	const alicePresence = new BoardPresence(alice, ALICE, options);
	const bobPresence = new BoardPresence(bob, BOB, options);
	created.push(alicePresence, bobPresence);
	return { alice, bob, aliceToBob, bobToAlice, alicePresence, bobPresence };
}

afterEach(() => {
	for (const presence of created.splice(0)) presence.destroy();
});

describe('BoardPresence', () => {
	it('lists the other tab with its user', async () => {
		const { alicePresence, bobPresence } = pair();
		await waitUntil(() => alicePresence.peers.length === 1, 'Alice sees Bob');
		expect(alicePresence.peers[0].user).toEqual(BOB);
		expect(bobPresence.peers.map((peer) => peer.user.name)).toEqual(['Alice Wong']);
	});

	it('publishes the open and dragged card', async () => {
		const { alicePresence, bobPresence } = pair();
		bobPresence.setActivity({ openCard: 'card-1', dragging: null });
		await waitUntil(() => alicePresence.peersOn('card-1').length === 1, 'ring on card-1');
		bobPresence.setActivity({ openCard: null, dragging: 'card-2' });
		await waitUntil(() => alicePresence.peersOn('card-2').length === 1, 'ring on card-2');
		expect(alicePresence.peersOn('card-1')).toEqual([]);
		expect(alicePresence.peersOn('card-2')[0].dragging).toBe('card-2');
	});

	it('keeps a peer that renews its state', async () => {
		const { alicePresence } = pair();
		await waitUntil(() => alicePresence.peers.length === 1, 'Alice sees Bob');
		const until = Date.now() + TIMEOUT_MS * 3;
		while (Date.now() < until) {
			expect(alicePresence.peers).toHaveLength(1);
			await new Promise((resolve) => setTimeout(resolve, RENEW_MS));
		}
	});

	it('drops a peer that went quiet', async () => {
		const { alicePresence, bobToAlice } = pair();
		await waitUntil(() => alicePresence.peers.length === 1, 'Alice sees Bob');
		// Bob's tab dies: its renewals stop reaching Alice, and no one removes its state.
		bobToAlice.open = false;
		const cut = Date.now();
		await waitUntil(() => alicePresence.peers.length === 0, 'Bob dropped', TIMEOUT_MS * 5);
		expect(Date.now() - cut).toBeGreaterThanOrEqual(TIMEOUT_MS);
	});

	it('shows a dropped peer again when it renews', async () => {
		const { alicePresence, bobToAlice } = pair();
		await waitUntil(() => alicePresence.peers.length === 1, 'Alice sees Bob');
		bobToAlice.open = false;
		await waitUntil(() => alicePresence.peers.length === 0, 'Bob dropped');
		bobToAlice.open = true;
		await waitUntil(() => alicePresence.peers.length === 1, 'Bob back');
	});

	it('removes the state on leave at once', async () => {
		const { alicePresence, bobPresence, bob } = pair();
		await waitUntil(() => alicePresence.peers.length === 1, 'Alice sees Bob');
		bobPresence.leave();
		expect(bob.getLocalState()).toBeNull();
		expect(alicePresence.peers).toEqual([]);
	});

	it('publishes a new name', async () => {
		const { alicePresence, bobPresence } = pair();
		bobPresence.rename('Han Meimei');
		await waitUntil(() => alicePresence.peers[0]?.user.name === 'Han Meimei', 'new name');
		expect(bobPresence.local.user.name).toBe('Han Meimei');
	});

	it('ignores peers with an invalid state', async () => {
		const { alice, bob, alicePresence } = pair();
		const mallory = new Awareness(new Y.Doc());
		link(mallory, alice);
		mallory.setLocalState({ user: { id: 'm', name: 'M', color: 'red;background:url(x)' } });
		await waitUntil(() => alice.getStates().size === 3, 'Mallory state arrived');
		expect(alicePresence.peers.map((peer) => peer.user.id)).toEqual([BOB.id]);
		expect(bob.getStates().size).toBe(2);
		mallory.destroy();
	});
});

describe('readPresenceState', () => {
	it('accepts a full state', () => {
		const state = { user: ALICE, openCard: 'c', dragging: 'd' };
		expect(readPresenceState(state)).toEqual(state);
	});

	it('rejects a state without a user', () => {
		expect(readPresenceState(null)).toBeNull();
		expect(readPresenceState({})).toBeNull();
		expect(readPresenceState({ user: { id: 'x', name: 'X' } })).toBeNull();
	});

	it('rejects a colour that is not hex', () => {
		const user = { ...ALICE, color: 'red' };
		expect(readPresenceState({ user })).toBeNull();
	});

	it('shortens a long name', () => {
		const user = { ...ALICE, name: 'x'.repeat(500) };
		expect(readPresenceState({ user })?.user.name).toHaveLength(60);
	});

	it('drops card ids that are not strings', () => {
		expect(readPresenceState({ user: ALICE, openCard: 5 })?.openCard).toBeUndefined();
	});
});

describe('colorFor and defaultName', () => {
	it('gives one member the same colour', () => {
		expect(colorFor('guest-aaaa1111')).toBe(colorFor('guest-aaaa1111'));
		expect(colorFor('guest-aaaa1111')).toMatch(/^#[0-9a-f]{6}$/);
	});

	it('names a guest by its id', () => {
		expect(defaultName('guest-ab12cd34')).toBe('Guest ab12');
		expect(defaultName('m-1')).toBe('m-1');
	});
});
