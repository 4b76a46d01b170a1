/** Changes to a stage's settings: its WIP limit, and who may change it. */
import type * as Y from 'yjs';
import { boardRoots, type ChangeContext } from './doc';
import { BoardError } from './errors';
import type { Member } from './schema';

/** Largest WIP limit accepted; a limit above any real column size would never show a breach. */
export const MAX_WIP_LIMIT = 10_000;

/**
 * Reads a WIP limit typed in a field: empty clears the limit (null), a whole number from 1 to
 * `MAX_WIP_LIMIT` sets it. Throws a `BoardError` on the field `wipLimit` for anything else.
 */
export function parseWipLimit(input: string): number | null {
	const trimmed = input.trim();
	if (trimmed === '') return null;
	if (!/^\d+$/.test(trimmed)) throw invalidLimit(trimmed);
	const limit = Number(trimmed);
	validateWipLimit(limit);
	return limit;
}

function invalidLimit(value: unknown): BoardError {
	return new BoardError(
		`A WIP limit is a whole number from 1 to ${MAX_WIP_LIMIT}, or empty for none; got ${JSON.stringify(value)}.`,
		'wipLimit'
	);
}

function validateWipLimit(limit: number | null): void {
	if (limit === null) return;
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_WIP_LIMIT) throw invalidLimit(limit);
}

/** Sets a stage's WIP limit, or removes it with `null`, in one transaction. */
export function setWipLimit(
	doc: Y.Doc,
	stageId: string,
	limit: number | null,
	context: ChangeContext
): void {
	validateWipLimit(limit);
	const stage = boardRoots(doc).stages.get(stageId);
	if (!stage) {
		throw new BoardError(
			`Stage ${JSON.stringify(stageId)} does not exist on this board.`,
			'stageId'
		);
	}
	doc.transact(() => {
		if (limit === null) stage.delete('wipLimit');
		else stage.set('wipLimit', limit);
	}, context.origin);
}

/**
 * Returns whether a member may change WIP limits: board managers may, and on a board without any
 * manager everyone may, so the limits are never locked.
 */
export function canSetWipLimit(members: readonly Member[], memberId: string): boolean {
	const managers = members.filter((member) => member.role === 'manager');
	return managers.length === 0 || managers.some((member) => member.id === memberId);
}
