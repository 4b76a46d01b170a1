/**
 * Joint targets of the sales and ops teams: one number per KPI, stored in the board's `meta` map
 * under `targets` as a plain object such as `{ winRate: 0.3, handoffLagDays: 5 }`. Rates are
 * fractions (0–1), satisfaction is the 1–5 score and durations are days.
 */
import * as Y from 'yjs';
import { boardRoots, type ChangeContext, type Member } from '$lib/board';
import type { Kpis } from './types';

export type TargetKey =
	'winRate' | 'salesCycleDays' | 'handoffLagDays' | 'retentionRate' | 'avgSatisfaction';

/** Comparison direction, unit and allowed range of one KPI's target. */
export interface TargetSpec {
	key: TargetKey;
	/** The team the KPI belongs to, for the side by side layout. */
	lane: 'sales' | 'ops';
	/** `lower` for durations, where a smaller value is better. */
	better: 'higher' | 'lower';
	unit: 'rate' | 'days' | 'score';
	min: number;
	max: number;
}

export const TARGET_SPECS: readonly TargetSpec[] = [
	{ key: 'winRate', lane: 'sales', better: 'higher', unit: 'rate', min: 0, max: 1 },
	{ key: 'salesCycleDays', lane: 'sales', better: 'lower', unit: 'days', min: 0, max: 3650 },
	{ key: 'handoffLagDays', lane: 'ops', better: 'lower', unit: 'days', min: 0, max: 365 },
	{ key: 'retentionRate', lane: 'ops', better: 'higher', unit: 'rate', min: 0, max: 1 },
	{ key: 'avgSatisfaction', lane: 'ops', better: 'higher', unit: 'score', min: 1, max: 5 }
];

export type Targets = Partial<Record<TargetKey, number>>;

/**
 * A value counts as near its target when it misses by at most this fraction of the target, such
 * as a 27% win rate against a 30% target.
 */
export const NEAR_FRACTION = 0.1;

/** `noData`: the KPI has no value yet. `noTarget`: the board has no target for it. */
export type TargetStatus = 'met' | 'near' | 'missed' | 'noData' | 'noTarget';

export class InvalidTargetError extends Error {
	constructor(
		readonly key: string,
		message: string
	) {
		super(message);
		this.name = 'InvalidTargetError';
	}
}

function specOf(key: string): TargetSpec | undefined {
	return TARGET_SPECS.find((spec) => spec.key === key);
}

/**
 * Checks one target value against its range; throws InvalidTargetError naming the KPI, the value
 * and the range.
 */
export function checkTarget(key: TargetKey, value: unknown): number {
	const spec = specOf(key);
	if (!spec) throw new InvalidTargetError(key, `Unknown KPI "${key}" for a target.`);
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new InvalidTargetError(key, `Target for ${key} must be a number, not ${String(value)}.`);
	}
	if (value < spec.min || value > spec.max) {
		throw new InvalidTargetError(
			key,
			`Target for ${key} must be between ${spec.min} and ${spec.max}, not ${value}.`
		);
	}
	return value;
}

/** Validates a whole set of targets; throws InvalidTargetError on the first invalid entry. */
export function checkTargets(input: Record<string, unknown>): Targets {
	const targets: Targets = {};
	for (const [key, value] of Object.entries(input)) {
		if (!specOf(key)) throw new InvalidTargetError(key, `Unknown KPI "${key}" for a target.`);
		targets[key as TargetKey] = checkTarget(key as TargetKey, value);
	}
	return targets;
}

/**
 * Reads the targets stored in `meta`, skipping entries that are not valid numbers in range (a
 * peer with other code may have written them), and reports each skipped entry.
 */
export function readTargets(doc: Y.Doc, report: (message: string) => void = () => {}): Targets {
	const stored = boardRoots(doc).meta.get('targets');
	if (stored === undefined) return {};
	if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
		report(`meta.targets must be an object, not ${JSON.stringify(stored)}`);
		return {};
	}
	const targets: Targets = {};
	for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
		try {
			targets[key as TargetKey] = checkTarget(key as TargetKey, value);
		} catch (error) {
			if (!(error instanceof InvalidTargetError)) throw error;
			report(`meta.targets: ${error.message}`);
		}
	}
	return targets;
}

/**
 * Validates `targets` and stores them in `meta`, replacing the earlier set; a KPI left out has no
 * target. Nothing is written when a value is invalid.
 * NOTE: the set is one value, so when two people save different targets at the same moment, one
 * save replaces the other.
 */
export function writeTargets(doc: Y.Doc, targets: Record<string, unknown>, context: ChangeContext) {
	const checked = checkTargets(targets);
	doc.transact(() => boardRoots(doc).meta.set('targets', checked), context);
}

/** Returns whether a member may change targets: board managers, or anyone on a board without one. */
export function canSetTargets(members: readonly Member[], memberId: string): boolean {
	const managers = members.filter((member) => member.role === 'manager');
	return managers.length === 0 || managers.some((member) => member.id === memberId);
}

/** Returns the KPI value a target is compared with; durations use the median. */
export function kpiValue(kpis: Kpis, key: TargetKey): number | null {
	switch (key) {
		case 'winRate':
			return kpis.winRate;
		case 'salesCycleDays':
			return kpis.salesCycleDays.median;
		case 'handoffLagDays':
			return kpis.handoffLagDays.median;
		case 'retentionRate':
			return kpis.retentionRate;
		case 'avgSatisfaction':
			return kpis.avgSatisfaction;
	}
}

/** Compares a KPI value with its target in the KPI's better direction. */
export function compareToTarget(
	spec: TargetSpec,
	actual: number | null,
	target: number | undefined
): TargetStatus {
	if (target === undefined) return 'noTarget';
	if (actual === null) return 'noData';
	if (spec.better === 'higher') {
		if (actual >= target) return 'met';
		return actual >= target * (1 - NEAR_FRACTION) ? 'near' : 'missed';
	}
	if (actual <= target) return 'met';
	return actual <= target * (1 + NEAR_FRACTION) ? 'near' : 'missed';
}
