/** Turning a textarea's new value into Y.Text edits, and keeping a caret in place under remote edits. */
import type * as Y from 'yjs';

/**
 * Applies the difference between the text's content and `next` as one delete and one insert,
 * between the common prefix and suffix, so concurrent edits elsewhere in the text survive.
 */
export function applyTextDiff(text: Y.Text, next: string): void {
	const current = text.toString();
	if (current === next) return;
	let prefix = 0;
	const shorter = Math.min(current.length, next.length);
	while (prefix < shorter && current[prefix] === next[prefix]) prefix++;
	let suffix = 0;
	while (
		suffix < shorter - prefix &&
		current[current.length - 1 - suffix] === next[next.length - 1 - suffix]
	) {
		suffix++;
	}
	const removed = current.length - prefix - suffix;
	const inserted = next.slice(prefix, next.length - suffix);
	if (removed > 0) text.delete(prefix, removed);
	if (inserted.length > 0) text.insert(prefix, inserted);
}

/** Returns where an index into the old text lands after the change a delta describes. */
export function transformIndex(delta: Y.YTextEvent['delta'], index: number): number {
	let oldPosition = 0;
	let shift = 0;
	for (const op of delta) {
		if (oldPosition > index) break;
		if (op.retain !== undefined) {
			oldPosition += op.retain;
		} else if (typeof op.insert === 'string') {
			shift += op.insert.length;
		} else if (op.delete !== undefined) {
			shift -= Math.min(op.delete, index - oldPosition);
			oldPosition += op.delete;
		}
	}
	return index + shift;
}
