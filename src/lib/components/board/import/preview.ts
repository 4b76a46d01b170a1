/** A quick look at a CSV file before upload: its header, row count and the stage values it uses. */

export interface CsvPreview {
	header: string[];
	rows: number;
	/** Distinct values of the stage column with their counts, when the file has one. */
	stages: { value: string; count: number }[];
}

/** Header names of a stage column, compared without case, spaces, `_` or `-`. */
const STAGE_HEADERS = new Set(['stage', 'dealstage', 'status', '阶段', '状态']);

/** Splits CSV text into records of fields, following RFC 4180 quoting. */
function* records(text: string): Generator<string[]> {
	let field = '';
	let record: string[] = [];
	let quoted = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (quoted) {
			if (char === '"' && text[index + 1] === '"') {
				field += '"';
				index++;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			record.push(field);
			field = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[index + 1] === '\n') index++;
			record.push(field);
			yield record;
			record = [];
			field = '';
		} else field += char;
	}
	if (field !== '' || record.length > 0) {
		record.push(field);
		yield record;
	}
}

export function previewCsv(text: string): CsvPreview {
	const all = records(text.replace(/^\uFEFF/, ''));
	const first = all.next();
	const header = first.done ? [] : first.value.map((name) => name.trim());
	const stageColumn = header.findIndex((name) =>
		STAGE_HEADERS.has(name.toLowerCase().replace(/[\s_-]/g, ''))
	);
	const counts = new Map<string, number>();
	let rows = 0;
	for (const record of all) {
		if (record.length === 1 && record[0].trim() === '') continue;
		rows++;
		if (stageColumn < 0) continue;
		const value = record[stageColumn]?.trim() ?? '';
		counts.set(value, (counts.get(value) ?? 0) + 1);
	}
	const stages = [...counts].map(([value, count]) => ({ value, count }));
	return { header, rows, stages: stages.sort((a, b) => b.count - a.count) };
}
