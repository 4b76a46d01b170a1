/**
 * Writes a board's cards as CSV (RFC 4180) that spreadsheets open safely. A cell starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet shows it as
 * text instead of running it as a formula.
 */
import type { BoardSnapshot } from '../board';
import { compareByRank } from '../board';

/** Columns of the export, in order; each header is also a name the importer recognises. */
export const EXPORT_COLUMNS = [
	'id',
	'title',
	'company',
	'contact',
	'stage',
	'lane',
	'value',
	'salesOwner',
	'opsOwner',
	'tags',
	'dueAt',
	'createdAt',
	'closedAt',
	'satisfaction',
	'health',
	'source',
	'archived'
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Returns the cell text with formula-starting characters neutralised and CSV quoting applied. */
export function csvCell(value: string | number | boolean | null): string {
	let text = value === null ? '' : String(value);
	if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
	if (/[",\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
	return text;
}

/** Writes every card, archived ones included, ordered by lane, stage and rank, with CRLF lines. */
export function exportCardsCsv(board: BoardSnapshot): string {
	const stageOrder = new Map(board.stages.map((stage, index) => [stage.id, index]));
	const stageById = new Map(board.stages.map((stage) => [stage.id, stage]));
	const memberName = new Map(board.members.map((member) => [member.id, member.name]));
	const cards = [...board.cards].sort((a, b) => {
		const byStage =
			(stageOrder.get(a.position.stageId) ?? Infinity) -
			(stageOrder.get(b.position.stageId) ?? Infinity);
		return byStage !== 0 ? byStage : compareByRank(a, b);
	});
	const lines = [EXPORT_COLUMNS.join(',')];
	for (const card of cards) {
		const stage = stageById.get(card.position.stageId);
		const owner = (id: string | null) => (id === null ? null : (memberName.get(id) ?? id));
		const row = [
			card.id,
			card.title,
			card.company,
			card.contact,
			stage?.name ?? card.position.stageId,
			stage?.lane ?? '',
			card.value,
			owner(card.salesOwner),
			owner(card.opsOwner),
			card.tags.join(';'),
			card.dueAt,
			card.createdAt,
			card.closedAt,
			card.satisfaction,
			card.health,
			card.source,
			card.archived
		];
		lines.push(row.map(csvCell).join(','));
	}
	return lines.join('\r\n') + '\r\n';
}
