/**
 * Importing CSV rows as cards. Each card gets the history its dates imply: a `create` event at
 * its creation date, and for a card that ends in a won or lost stage, a `move` event into that
 * stage at its close date. Time-based KPIs then work on imported boards as on hand-made ones.
 */
import type * as Y from 'yjs';
import {
	BoardError,
	boardRoots,
	cardMap,
	newId,
	ranksBetween,
	readCards,
	readMembers,
	readStages,
	validateCardFields,
	type BoardEvent,
	type ChangeContext,
	type Stage
} from '../board';
import { parseCsv, type CsvRecord } from './csv';
import { decodeCsvBytes, type CsvEncoding } from './decode';
import { ImportError, resolveColumns, StageResolver, type ImportMapping } from './mapping';
import { MemberDirectory } from './members';
import { parseRow, RowError, type ParsedRow } from './rows';

export interface RowIssue {
	/** Line of the file, from 1, on which the row starts. */
	line: number;
	message: string;
}

export interface ImportResult {
	imported: number;
	/** Rows not imported; `errors` gives the reason for each. */
	skipped: number;
	errors: RowIssue[];
	encoding: CsvEncoding;
	/** Members added for owner names that were not on the board. */
	membersCreated: number;
}

export interface ImportOptions {
	mapping?: ImportMapping;
	context: ChangeContext;
	/** Rows written per transaction; each transaction is one update to store and relay. */
	chunkRows?: number;
	/** Awaited between transactions, so a server can serve other clients during a long import. */
	betweenChunks?: () => Promise<void>;
}

export const DEFAULT_CHUNK_ROWS = 1_000;

/** Prefix of card ids derived from a row's reference. */
const REFERENCE_PREFIX = 'ref-';
const SAFE_ID = /^[A-Za-z0-9_-]{1,60}$/;

/** Returns the card id for a row's reference; stable, so a re-import finds the card again. */
export function cardIdForReference(reference: string): string {
	if (SAFE_ID.test(reference)) return REFERENCE_PREFIX + reference;
	return (
		REFERENCE_PREFIX +
		encodeURIComponent(reference)
			.replace(/[^A-Za-z0-9_-]/g, '_')
			.slice(0, 60)
	);
}

interface PlannedCard {
	row: ParsedRow;
	id: string;
	stage: Stage;
}

/**
 * Imports CSV bytes or text into a board document. Rows that cannot be read are reported with
 * their line and skipped; the others are imported. Throws an `ImportError` when the file as a
 * whole cannot be imported (empty, no title column, a mapping that names a missing column).
 */
export async function importCsv(
	doc: Y.Doc,
	input: Uint8Array | string,
	options: ImportOptions
): Promise<ImportResult> {
	const decoded =
		typeof input === 'string' ? { text: input, encoding: 'utf-8' as const } : decodeCsvBytes(input);
	const records = parseCsv(decoded.text);
	const [header, ...rows] = records;
	if (!header) throw new ImportError('The file is empty: its first line must name the columns.');
	if (header.error)
		throw new ImportError(`The header on line ${header.line} cannot be read: ${header.error}.`);

	const mapping = options.mapping ?? {};
	const columns = resolveColumns(header.fields, mapping);
	const stages = readStages(doc);
	if (stages.length === 0) throw new ImportError('This board has no stages to import cards into.');
	const resolver = new StageResolver(stages, mapping);
	const createdAtHeader =
		columns.createdAt === undefined ? undefined : header.fields[columns.createdAt];
	const startStage = resolver.startStage(createdAtHeader);
	const defaultStage =
		stages.find((stage) => stage.lane === 'sales' && stage.kind === 'open') ?? stages[0];

	const errors: RowIssue[] = [];
	const planned: PlannedCard[] = [];
	const existingIds = new Set(boardRoots(doc).cards.keys());
	const stageById = new Map(stages.map((stage) => [stage.id, stage]));
	for (const record of rows) {
		const issue = checkShape(record, header.fields.length);
		if (issue) {
			errors.push(issue);
			continue;
		}
		try {
			const row = parseRow(record.line, record.fields, columns, resolver);
			validateCardFields(row.fields);
			const id = row.reference === null ? newId() : cardIdForReference(row.reference);
			if (existingIds.has(id)) {
				throw new RowError(
					`a card with reference ${JSON.stringify(row.reference)} is already on the board`
				);
			}
			existingIds.add(id);
			const stage = stageById.get(row.stageId) ?? defaultStage;
			planned.push({ row, id, stage });
		} catch (error) {
			if (!(error instanceof RowError) && !(error instanceof BoardError)) throw error;
			errors.push({ line: record.line, message: error.message });
		}
	}

	const members = new MemberDirectory(readMembers(doc));
	const ranks = assignRanks(doc, planned);
	const importedAt = (options.context.now ?? new Date()).toISOString();
	const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
	let imported = 0;
	for (let start = 0; start < planned.length; start += chunkRows) {
		if (start > 0 && options.betweenChunks) await options.betweenChunks();
		const chunk = planned.slice(start, start + chunkRows);
		const createdBefore = members.created.length;
		const cards = chunk.map((card) => ({ card, owners: ownerIds(card.row, members) }));
		doc.transact(() => {
			const roots = boardRoots(doc);
			for (const member of members.created.slice(createdBefore))
				roots.members.set(member.id, member);
			const events: BoardEvent[] = [];
			for (const { card, owners } of cards) {
				// The card may have been added by another client since the rows were checked.
				if (roots.cards.has(card.id)) {
					errors.push({
						line: card.row.line,
						message: 'a card with this reference was added meanwhile'
					});
					continue;
				}
				const createdAt = card.row.fields.createdAt ?? importedAt;
				const closing = card.stage.kind === 'won' || card.stage.kind === 'lost';
				const closedAt = closing
					? (card.row.fields.closedAt ?? importedAt)
					: card.row.fields.closedAt;
				const input = {
					...card.row.fields,
					...owners,
					createdAt,
					closedAt,
					stageId: card.stage.id
				};
				roots.cards.set(card.id, cardMap(card.id, input, createdAt, ranks.get(card.id) ?? 'V'));
				events.push(
					...history(card, createdAt, closedAt ?? null, closing, startStage, options.context.by)
				);
				imported++;
			}
			roots.events.push(events);
		}, options.context.origin);
	}

	errors.sort((a, b) => a.line - b.line);
	return {
		imported,
		skipped: errors.length,
		errors,
		encoding: decoded.encoding,
		membersCreated: members.created.length
	};
}

function checkShape(record: CsvRecord, columns: number): RowIssue | null {
	if (record.error) return { line: record.line, message: record.error };
	if (record.fields.length !== columns) {
		return {
			line: record.line,
			message: `row has ${record.fields.length} fields but the header has ${columns}; quote fields that contain commas`
		};
	}
	return null;
}

function ownerIds(row: ParsedRow, members: MemberDirectory) {
	return {
		salesOwner: row.salesOwnerName === null ? null : members.idFor(row.salesOwnerName, 'sales'),
		opsOwner: row.opsOwnerName === null ? null : members.idFor(row.opsOwnerName, 'ops')
	};
}

/** Ranks the new cards of each stage after the cards already there, in file order. */
function assignRanks(doc: Y.Doc, planned: PlannedCard[]): Map<string, string> {
	const lastRank = new Map<string, string>();
	for (const card of readCards(doc)) {
		const { stageId, rank } = card.position;
		const last = lastRank.get(stageId);
		if (rank !== '' && (last === undefined || rank > last)) lastRank.set(stageId, rank);
	}
	const byStage = new Map<string, string[]>();
	for (const card of planned) {
		const ids = byStage.get(card.stage.id) ?? [];
		ids.push(card.id);
		byStage.set(card.stage.id, ids);
	}
	const ranks = new Map<string, string>();
	for (const [stageId, ids] of byStage) {
		const after = lastRank.get(stageId) ?? null;
		const stageRanks = ranksBetween(after, null, ids.length);
		ids.forEach((id, index) => ranks.set(id, stageRanks[index]));
	}
	return ranks;
}

function history(
	card: PlannedCard,
	createdAt: string,
	closedAt: string | null,
	closing: boolean,
	startStage: Stage,
	by: string
): BoardEvent[] {
	const firstStage = closing ? startStage.id : card.stage.id;
	const events: BoardEvent[] = [
		{ id: newId(), type: 'create', cardId: card.id, at: createdAt, by, to: firstStage }
	];
	if (closing && closedAt !== null && firstStage !== card.stage.id) {
		events.push({
			id: newId(),
			type: 'move',
			cardId: card.id,
			at: closedAt,
			by,
			from: firstStage,
			to: card.stage.id
		});
	}
	return events;
}
