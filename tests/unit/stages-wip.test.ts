/** WIP limits on stages: parsing the typed value, setting and clearing it, and who may change it. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardError, readStages, seedBoard, type Member } from '../../src/lib/board';
import {
	MAX_WIP_LIMIT,
	canSetWipLimit,
	parseWipLimit,
	setWipLimit
} from '../../src/lib/board/stages';

const CONTEXT = { by: 'alice', origin: 'alice-tab' };

function board(): Y.Doc {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'WIP' }, { by: 'system' });
	return doc;
}

function limitOf(doc: Y.Doc, stageId: string): number | undefined {
	return readStages(doc).find((stage) => stage.id === stageId)?.wipLimit;
}

describe('parseWipLimit', () => {
	it('reads a whole number', () => {
		expect(parseWipLimit(' 4 ')).toBe(4);
	});

	it('reads empty as no limit', () => {
		expect(parseWipLimit('  ')).toBeNull();
	});

	it.each(['0', '-2', '2.5', 'four', '1e3', String(MAX_WIP_LIMIT + 1)])('rejects %j', (input) => {
		expect(() => parseWipLimit(input)).toThrow(BoardError);
		expect(() => parseWipLimit(input)).toThrow(/whole number from 1/);
	});
});

describe('setWipLimit', () => {
	it('sets a limit', () => {
		const doc = board();
		setWipLimit(doc, 'proposal', 4, CONTEXT);
		expect(limitOf(doc, 'proposal')).toBe(4);
	});

	it('clears a limit', () => {
		const doc = board();
		setWipLimit(doc, 'proposal', 4, CONTEXT);
		setWipLimit(doc, 'proposal', null, CONTEXT);
		expect(limitOf(doc, 'proposal')).toBeUndefined();
	});

	it('rejects an invalid limit and keeps the old one', () => {
		const doc = board();
		setWipLimit(doc, 'proposal', 4, CONTEXT);
		for (const limit of [0, -1, 1.5, Number.NaN]) {
			expect(() => setWipLimit(doc, 'proposal', limit, CONTEXT)).toThrow(BoardError);
		}
		expect(limitOf(doc, 'proposal')).toBe(4);
	});

	it('rejects an unknown stage', () => {
		const doc = board();
		expect(() => setWipLimit(doc, 'nowhere', 3, CONTEXT)).toThrow(/does not exist/);
	});

	it('keeps the other stage fields', () => {
		const doc = board();
		setWipLimit(doc, 'proposal', 2, CONTEXT);
		const stage = readStages(doc).find((entry) => entry.id === 'proposal');
		expect(stage).toMatchObject({ name: 'Proposal', probability: 0.5, kind: 'open' });
	});
});

describe('canSetWipLimit', () => {
	const manager: Member = { id: 'm1', name: 'Mei', role: 'manager', color: '#000' };
	const seller: Member = { id: 's1', name: 'Sam', role: 'sales', color: '#000' };

	it('lets anyone when the board has no manager', () => {
		expect(canSetWipLimit([seller], 'guest-1')).toBe(true);
	});

	it('lets a manager', () => {
		expect(canSetWipLimit([manager, seller], 'm1')).toBe(true);
	});

	it('stops others when a manager exists', () => {
		expect(canSetWipLimit([manager, seller], 's1')).toBe(false);
		expect(canSetWipLimit([manager], 'guest-1')).toBe(false);
	});
});
