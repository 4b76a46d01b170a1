/** Notes editing: textarea values become minimal Y.Text edits, and a caret follows remote edits. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextDiff, transformIndex } from '../../src/lib/components/board/editor/text-diff';

function text(initial: string): Y.Text {
	const doc = new Y.Doc();
	const value = doc.getText('notes');
	value.insert(0, initial);
	return value;
}

describe('applyTextDiff', () => {
	const cases: [string, string][] = [
		['', 'hello'],
		['hello', ''],
		['hello world', 'hello brave world'],
		['hello brave world', 'hello world'],
		['abc', 'axc'],
		['aaaa', 'aaa'],
		['客户跟进', '客户已跟进'],
		['same', 'same']
	];
	for (const [before, after] of cases) {
		it(`turns ${JSON.stringify(before)} into ${JSON.stringify(after)}`, () => {
			const value = text(before);
			applyTextDiff(value, after);
			expect(value.toString()).toBe(after);
		});
	}

	it('keeps a concurrent edit elsewhere', () => {
		const left = new Y.Doc();
		left.getText('notes').insert(0, 'call on Monday');
		const right = new Y.Doc();
		Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
		applyTextDiff(left.getText('notes'), 'call Anna on Monday');
		applyTextDiff(right.getText('notes'), 'call on Monday at 10');
		Y.applyUpdate(left, Y.encodeStateAsUpdate(right));
		Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
		expect(left.getText('notes').toString()).toBe('call Anna on Monday at 10');
		expect(right.getText('notes').toString()).toBe('call Anna on Monday at 10');
	});
});

describe('transformIndex', () => {
	function deltaOf(before: string, edit: (value: Y.Text) => void) {
		const value = text(before);
		let delta: Y.YTextEvent['delta'] = [];
		value.observe((event) => (delta = event.delta));
		edit(value);
		return delta;
	}

	it('shifts a caret after an insert before it', () => {
		const delta = deltaOf('hello world', (value) => value.insert(0, '>> '));
		expect(transformIndex(delta, 5)).toBe(8);
	});

	it('keeps a caret before an edit after it', () => {
		const delta = deltaOf('hello world', (value) => value.insert(11, '!'));
		expect(transformIndex(delta, 5)).toBe(5);
	});

	it('pulls a caret back after a delete before it', () => {
		const delta = deltaOf('hello world', (value) => value.delete(0, 6));
		expect(transformIndex(delta, 8)).toBe(2);
	});

	it('moves a caret inside a deleted range to its start', () => {
		const delta = deltaOf('hello world', (value) => value.delete(2, 6));
		expect(transformIndex(delta, 4)).toBe(2);
	});
});
