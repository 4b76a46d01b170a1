import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv } from '../../src/lib/import';
import { dataFile, GBK_CSV } from '../helpers/data';

describe('parseCsv', () => {
	it('numbers records by line', () => {
		expect(parseCsv('a,b\n1,2\n3,4\n')).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['1', '2'] },
			{ line: 3, fields: ['3', '4'] }
		]);
	});

	it('reads quoted commas, quotes and line breaks', () => {
		const records = parseCsv('name,note\n"Acme, Inc.","say ""hi""\nthen go"\nNext,x\n');
		expect(records[1]).toEqual({ line: 2, fields: ['Acme, Inc.', 'say "hi"\nthen go'] });
		expect(records[2]).toEqual({ line: 4, fields: ['Next', 'x'] });
	});

	it('accepts CRLF, LF and no final line break', () => {
		expect(parseCsv('a,b\r\n1,2\n3,4').map((record) => record.fields)).toEqual([
			['a', 'b'],
			['1', '2'],
			['3', '4']
		]);
	});

	it('keeps CRLF inside quotes', () => {
		expect(parseCsv('"x\r\ny",z\r\n')[0].fields).toEqual(['x\r\ny', 'z']);
	});

	it('drops a byte order mark', () => {
		expect(parseCsv('\ufefftitle\nAcme\n')[0].fields).toEqual(['title']);
	});

	it('skips blank lines but counts them', () => {
		expect(parseCsv('a\n\n\nb\n')).toEqual([
			{ line: 1, fields: ['a'] },
			{ line: 4, fields: ['b'] }
		]);
	});

	it('keeps empty fields', () => {
		expect(parseCsv('a,,c,\n')[0].fields).toEqual(['a', '', 'c', '']);
		expect(parseCsv(',\n')[0].fields).toEqual(['', '']);
	});

	it('keeps a quote inside an unquoted field', () => {
		expect(parseCsv('5" screen,x\n')[0].fields).toEqual(['5" screen', 'x']);
	});

	it('reports an unclosed quote', () => {
		const records = parseCsv('a,b\n1,"open\nmore\n');
		expect(records[1].line).toBe(2);
		expect(records[1].error).toMatch(/opened on line 2 is never closed/);
	});

	it('reports text after a closing quote and reads on', () => {
		const records = parseCsv('a,b\n"x"y,2\n3,4\n');
		expect(records[1].error).toMatch(/unexpected "y" after a closing quote/);
		expect(records[2]).toEqual({ line: 3, fields: ['3', '4'] });
	});

	it('reads back what a writer quoted', () => {
		const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', '中') });
		const rows = fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1 });
		fc.assert(
			fc.property(rows, fc.constantFrom('\n', '\r\n'), (input, newline) => {
				const text = input
					.map((row) => row.map((value) => `"${value.replaceAll('"', '""')}"`).join(','))
					.join(newline);
				expect(parseCsv(text).map((record) => record.fields)).toEqual(input);
			})
		);
	});
});

describe('decodeCsvBytes', () => {
	it('decodes UTF-8 and drops its byte order mark', () => {
		const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('客户\n')]);
		expect(decodeCsvBytes(bytes)).toEqual({ text: '客户\n', encoding: 'utf-8' });
	});

	it('falls back to GB18030 for a GBK file', () => {
		const bytes = fs.readFileSync(dataFile(GBK_CSV));
		const decoded = decodeCsvBytes(bytes);
		expect(decoded.encoding).toBe('gb18030');
		expect(parseCsv(decoded.text)[0].fields).toEqual([
			'流量来源',
			'来源明细',
			'访客数',
			'支付转化率',
			'客单价'
		]);
	});
});
