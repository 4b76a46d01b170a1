/**
 * An RFC 4180 CSV parser that keeps the line number of every record, for error reports.
 *
 * Fields are separated by commas and records by CRLF or LF. A field in double quotes may hold
 * commas, line breaks and doubled quotes (`""` is one `"`). A quote inside an unquoted field is
 * kept as a character, as spreadsheet programs do. A leading UTF-8 byte order mark is dropped.
 */

export interface CsvRecord {
	/** Line of the file, from 1, on which the record starts. */
	line: number;
	fields: string[];
	/** Why the record cannot be read; its fields are then incomplete. */
	error?: string;
}

const QUOTE = '"';
const COMMA = ',';

/** Splits CSV text into records; a blank line yields no record. */
export function parseCsv(text: string): CsvRecord[] {
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const records: CsvRecord[] = [];
	let line = 1;
	let index = 0;
	while (index < source.length) {
		const start = line;
		const fields: string[] = [];
		let error: string | undefined;
		let field = '';
		let atRecordEnd = false;
		while (!atRecordEnd) {
			if (source[index] === QUOTE) {
				// Quoted field: runs to the next quote not doubled.
				const quoteLine = line;
				index++;
				let closed = false;
				while (index < source.length) {
					const char = source[index];
					if (char === QUOTE) {
						if (source[index + 1] === QUOTE) {
							field += QUOTE;
							index += 2;
							continue;
						}
						index++;
						closed = true;
						break;
					}
					if (char === '\n') line++;
					field += char;
					index++;
				}
				if (!closed) {
					error = `quoted field opened on line ${quoteLine} is never closed`;
				} else if (index < source.length && !isFieldEnd(source, index)) {
					error = `unexpected ${JSON.stringify(source[index])} after a closing quote; double a quote inside a quoted field`;
					index = skipToRecordEnd(source, index);
				}
			} else {
				while (index < source.length && !isFieldEnd(source, index)) {
					field += source[index];
					index++;
				}
			}
			fields.push(field);
			field = '';
			if (index >= source.length) {
				atRecordEnd = true;
			} else if (source[index] === COMMA) {
				index++;
			} else {
				// CRLF or LF ends the record.
				index += source[index] === '\r' ? 2 : 1;
				line++;
				atRecordEnd = true;
			}
			if (error !== undefined) atRecordEnd = true;
		}
		if (fields.length === 1 && fields[0] === '' && error === undefined) continue;
		records.push(error === undefined ? { line: start, fields } : { line: start, fields, error });
	}
	return records;
}

function isFieldEnd(source: string, index: number): boolean {
	const char = source[index];
	return char === COMMA || char === '\n' || (char === '\r' && source[index + 1] === '\n');
}

/** Returns the index after the line break that ends the current record, or the end of input. */
function skipToRecordEnd(source: string, index: number): number {
	const next = source.indexOf('\n', index);
	return next === -1 ? source.length : next;
}
