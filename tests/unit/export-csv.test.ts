import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createCard, readBoard, seedBoard } from '../../src/lib/board';
import { csvCell, EXPORT_COLUMNS, exportCardsCsv, parseCsv } from '../../src/lib/import';

const context = { by: 'tester', now: new Date('2024-05-01T09:00:00Z') };

describe('csvCell', () => {
	it.each(['=SUM(A1:A9)', '+1+1', '-2+3', '@cmd', '\tx', '\rx'])(
		'escapes formula start %j',
		(value) => {
			expect(csvCell(value).replace(/^"/, '').startsWith("'")).toBe(true);
		}
	);

	it('keeps plain text and numbers', () => {
		expect(csvCell('Acme')).toBe('Acme');
		expect(csvCell(-5)).toBe('-5');
		expect(csvCell(null)).toBe('');
	});

	it('quotes commas, quotes and newlines', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
	});
});

describe('exportCardsCsv', () => {
	it('round-trips through the parser with escaped formulas', () => {
		const doc = new Y.Doc();
		seedBoard(doc, { name: 'Export' }, context);
		createCard(doc, { title: '=HYPERLINK("http://x")', stageId: 'lead', value: 10 }, context);
		createCard(
			doc,
			{ title: 'Acme, Inc.', stageId: 'won', company: '@corp', tags: ['a', 'b'] },
			context
		);

		const records = parseCsv(exportCardsCsv(readBoard(doc)));

		expect(records.map((record) => record.error)).toEqual([undefined, undefined, undefined]);
		expect(records[0].fields).toEqual([...EXPORT_COLUMNS]);
		const title = EXPORT_COLUMNS.indexOf('title');
		const company = EXPORT_COLUMNS.indexOf('company');
		const stage = EXPORT_COLUMNS.indexOf('stage');
		expect(records[1].fields[title]).toBe('\'=HYPERLINK("http://x")');
		expect(records[1].fields[stage]).toBe('Lead');
		expect(records[2].fields[title]).toBe('Acme, Inc.');
		expect(records[2].fields[company]).toBe("'@corp");
		expect(records[2].fields[EXPORT_COLUMNS.indexOf('tags')]).toBe('a;b');
	});

	it('writes only the header for an empty board', () => {
		const doc = new Y.Doc();
		seedBoard(doc, { name: 'Empty' }, context);
		expect(exportCardsCsv(readBoard(doc))).toBe(EXPORT_COLUMNS.join(',') + '\r\n');
	});
});
