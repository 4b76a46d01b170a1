import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots } from '../../src/lib/board';
import { deriveKpis } from '../../src/lib/kpi';
import {
	canSetTargets,
	checkTargets,
	compareToTarget,
	InvalidTargetError,
	kpiValue,
	readTargets,
	TARGET_SPECS,
	writeTargets,
	type TargetKey
} from '../../src/lib/kpi/targets';
import { addCard, day, emptyBoard, move, snapshot } from './kpi-fixtures';

function spec(key: TargetKey) {
	const found = TARGET_SPECS.find((item) => item.key === key);
	if (!found) throw new Error(`No spec for ${key}`);
	return found;
}

const CONTEXT = { by: 'alice', now: day(10) };

describe('compareToTarget', () => {
	it.each([
		['winRate', 0.35, 0.3, 'met'],
		['winRate', 0.3, 0.3, 'met'],
		['winRate', 0.28, 0.3, 'near'],
		['winRate', 0.2, 0.3, 'missed'],
		['retentionRate', 0.9, 0.95, 'near'],
		['avgSatisfaction', 3, 4.5, 'missed'],
		['salesCycleDays', 20, 30, 'met'],
		['salesCycleDays', 30, 30, 'met'],
		['salesCycleDays', 32, 30, 'near'],
		['salesCycleDays', 40, 30, 'missed'],
		['handoffLagDays', 2, 5, 'met'],
		['handoffLagDays', 9, 5, 'missed'],
		['handoffLagDays', 0, 0, 'met'],
		['handoffLagDays', 1, 0, 'missed']
	] as const)('%s %d against %d is %s', (key, actual, target, expected) => {
		expect(compareToTarget(spec(key), actual, target)).toBe(expected);
	});

	it('missing KPI value is noData', () => {
		expect(compareToTarget(spec('winRate'), null, 0.3)).toBe('noData');
		expect(compareToTarget(spec('handoffLagDays'), null, 5)).toBe('noData');
	});

	it('missing target is noTarget', () => {
		expect(compareToTarget(spec('winRate'), 0.4, undefined)).toBe('noTarget');
		expect(compareToTarget(spec('salesCycleDays'), null, undefined)).toBe('noTarget');
	});
});

describe('kpiValue', () => {
	it('reads rates and median days', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 100 });
		addCard(doc, 'b', 0, { value: 100 });
		move(doc, 'a', 'won', 10);
		move(doc, 'b', 'lost', 4);
		const kpis = deriveKpis(snapshot(doc));
		expect(kpiValue(kpis, 'winRate')).toBe(0.5);
		expect(kpiValue(kpis, 'salesCycleDays')).toBe(kpis.salesCycleDays.median);
		expect(kpiValue(kpis, 'salesCycleDays')).toBe(10);
		expect(kpiValue(kpis, 'handoffLagDays')).toBeNull();
		expect(kpiValue(kpis, 'retentionRate')).toBeNull();
		expect(kpiValue(kpis, 'avgSatisfaction')).toBeNull();
	});
});

describe('checkTargets', () => {
	it('accepts values in range', () => {
		expect(checkTargets({ winRate: 0.3, salesCycleDays: 45, avgSatisfaction: 4 })).toEqual({
			winRate: 0.3,
			salesCycleDays: 45,
			avgSatisfaction: 4
		});
	});

	it.each([
		[{ winRate: 1.5 }, /winRate must be between 0 and 1, not 1.5/],
		[{ winRate: -0.1 }, /between 0 and 1/],
		[{ avgSatisfaction: 0 }, /avgSatisfaction must be between 1 and 5, not 0/],
		[{ handoffLagDays: 400 }, /between 0 and 365/],
		[{ salesCycleDays: '30' }, /salesCycleDays must be a number, not 30/],
		[{ retentionRate: Number.NaN }, /must be a number, not NaN/],
		[{ retentionRate: Number.POSITIVE_INFINITY }, /must be a number/],
		[{ revenue: 10 }, /Unknown KPI "revenue"/]
	])('rejects %j', (input, message) => {
		expect(() => checkTargets(input)).toThrow(InvalidTargetError);
		expect(() => checkTargets(input)).toThrow(message);
	});
});

describe('writeTargets', () => {
	it('stores targets in meta', () => {
		const doc = emptyBoard();
		writeTargets(doc, { winRate: 0.25, handoffLagDays: 3 }, CONTEXT);
		expect(boardRoots(doc).meta.get('targets')).toEqual({ winRate: 0.25, handoffLagDays: 3 });
		expect(readTargets(doc)).toEqual({ winRate: 0.25, handoffLagDays: 3 });
	});

	it('keeps earlier targets on invalid input', () => {
		const doc = emptyBoard();
		writeTargets(doc, { winRate: 0.25 }, CONTEXT);
		expect(() => writeTargets(doc, { winRate: 0.4, salesCycleDays: -1 }, CONTEXT)).toThrow(
			/salesCycleDays must be between 0 and 3650, not -1/
		);
		expect(readTargets(doc)).toEqual({ winRate: 0.25 });
	});

	it('replaces the earlier set', () => {
		const doc = emptyBoard();
		writeTargets(doc, { winRate: 0.25, retentionRate: 0.9 }, CONTEXT);
		writeTargets(doc, { retentionRate: 0.95 }, CONTEXT);
		expect(readTargets(doc)).toEqual({ retentionRate: 0.95 });
	});

	it('reaches a peer', () => {
		const doc = emptyBoard();
		const peer = new Y.Doc();
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
		doc.on('update', (update: Uint8Array) => Y.applyUpdate(peer, update));
		writeTargets(doc, { avgSatisfaction: 4.2 }, CONTEXT);
		expect(readTargets(peer)).toEqual({ avgSatisfaction: 4.2 });
	});
});

describe('readTargets', () => {
	it('returns none without targets', () => {
		expect(readTargets(emptyBoard())).toEqual({});
	});

	it('skips and reports invalid entries', () => {
		const doc = emptyBoard();
		boardRoots(doc).meta.set('targets', { winRate: 2, salesCycleDays: 30, other: 1 });
		const reports: string[] = [];
		expect(readTargets(doc, (message) => reports.push(message))).toEqual({ salesCycleDays: 30 });
		expect(reports).toHaveLength(2);
		expect(reports[0]).toMatch(/winRate must be between 0 and 1, not 2/);
		expect(reports[1]).toMatch(/Unknown KPI "other"/);
	});

	it('reports a targets value that is not an object', () => {
		const doc = emptyBoard();
		boardRoots(doc).meta.set('targets', 'high');
		const reports: string[] = [];
		expect(readTargets(doc, (message) => reports.push(message))).toEqual({});
		expect(reports).toEqual(['meta.targets must be an object, not "high"']);
	});
});

describe('canSetTargets', () => {
	const sales = { id: 'sam', name: 'Sam', role: 'sales', color: '#000' } as const;
	const manager = { id: 'mia', name: 'Mia', role: 'manager', color: '#000' } as const;

	it('lets managers set targets', () => {
		expect(canSetTargets([sales, manager], 'mia')).toBe(true);
		expect(canSetTargets([sales, manager], 'sam')).toBe(false);
	});

	it('lets anyone set them without managers', () => {
		expect(canSetTargets([sales], 'sam')).toBe(true);
		expect(canSetTargets([], 'anyone')).toBe(true);
	});
});
