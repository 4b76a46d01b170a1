/**
 * The mapping of CSV columns to card fields, and of CSV stage values to stages.
 *
 * Without an explicit mapping, headers are matched by name: case, spaces, `_` and `-` are
 * ignored, and common names in English and Chinese are known (`account` and `客户` fill the
 * title, `deal_stage` and `阶段` the stage, and so on).
 */
import type { Stage } from '../board';

export const IMPORT_FIELDS = [
	'title',
	'company',
	'contact',
	'value',
	'stage',
	'salesOwner',
	'opsOwner',
	'createdAt',
	'closedAt',
	'dueAt',
	'tags',
	'source',
	'satisfaction',
	'health',
	'reference'
] as const;

/**
 * A card field a column can fill. `reference` is the row's id in the source system: the card id
 * is derived from it, so importing the same rows twice does not duplicate cards.
 */
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The mapping a caller may pass; every part is optional. */
export interface ImportMapping {
	/** Card field → CSV header. */
	columns?: Partial<Record<ImportField, string>>;
	/** CSV stage value → stage id on the board. */
	stages?: Record<string, string>;
	/** Stage id in which cards imported as won or lost were created, for their history. */
	startStage?: string;
}

/** A problem with the whole file or mapping, as opposed to one row; nothing is imported. */
export class ImportError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ImportError';
	}
}

/** Known header names per field, normalized, most specific first. */
const HEADER_NAMES: Record<ImportField, string[]> = {
	title: ['title', 'customer', 'account', 'name', '客户', '客户名称', '标题', '名称'],
	company: ['company', 'organization', 'organisation', '公司', '公司名称'],
	contact: ['contact', 'contactname', '联系人'],
	value: ['value', 'closevalue', 'dealvalue', 'amount', '金额', '价值', '成交金额'],
	stage: ['stage', 'dealstage', 'status', '阶段', '状态'],
	salesOwner: ['salesowner', 'salesagent', 'salesrep', 'owner', '销售', '销售负责人', '负责人'],
	opsOwner: ['opsowner', 'operationsowner', 'csm', '运营负责人', '客户成功'],
	createdAt: ['createdat', 'created', 'engagedate', 'createdate', '创建时间', '创建日期'],
	closedAt: ['closedat', 'closedate', 'closed', '成交日期', '关闭日期'],
	dueAt: ['dueat', 'duedate', 'due', '截止日期', '到期日'],
	tags: ['tags', 'tag', 'product', 'labels', '标签', '产品'],
	source: ['source', 'leadsource', '来源'],
	satisfaction: ['satisfaction', 'csat', '满意度'],
	health: ['health', '健康度'],
	reference: ['reference', 'opportunityid', 'dealid', 'id', '编号']
};

/** Stage values of other tools that mean a default stage. */
const STAGE_NAMES: Record<string, string> = {
	prospecting: 'lead',
	prospect: 'lead',
	engaging: 'qualified',
	线索: 'lead',
	潜在客户: 'lead',
	已确认: 'qualified',
	方案: 'proposal',
	谈判: 'negotiation',
	赢单: 'won',
	成交: 'won',
	输单: 'lost',
	丢单: 'lost',
	实施: 'onboarding',
	活跃: 'active',
	续约: 'renewal',
	流失: 'churned'
};

/** Header names whose date marks a deal already qualified, so closed deals start there. */
const QUALIFIED_DATE_HEADERS = new Set(['engagedate']);

export function normalizeName(name: string): string {
	return name
		.trim()
		.toLowerCase()
		.replace(/[\s_-]+/g, '');
}

/** Checks a mapping received as JSON; throws an `ImportError` naming the bad part. */
export function parseMapping(value: unknown): ImportMapping {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new ImportError(
			'mapping must be a JSON object such as {"columns":{"title":"Customer"},"stages":{"Won":"won"}}.'
		);
	}
	const { columns, stages, startStage, ...rest } = value as Record<string, unknown>;
	const unknownKeys = Object.keys(rest);
	if (unknownKeys.length > 0) {
		throw new ImportError(
			`mapping has unknown keys ${unknownKeys.join(', ')}; the keys are columns, stages and startStage.`
		);
	}
	const mapping: ImportMapping = {};
	if (columns !== undefined) mapping.columns = parseColumns(columns);
	if (stages !== undefined) mapping.stages = stringRecord(stages, 'mapping.stages');
	if (startStage !== undefined) {
		if (typeof startStage !== 'string') {
			throw new ImportError(
				`mapping.startStage must be a stage id, not ${JSON.stringify(startStage)}.`
			);
		}
		mapping.startStage = startStage;
	}
	return mapping;
}

function parseColumns(value: unknown): Partial<Record<ImportField, string>> {
	const columns = stringRecord(value, 'mapping.columns');
	for (const field of Object.keys(columns)) {
		if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
			throw new ImportError(
				`mapping.columns has unknown field ${JSON.stringify(field)}; the fields are ${IMPORT_FIELDS.join(', ')}.`
			);
		}
	}
	return columns as Partial<Record<ImportField, string>>;
}

function stringRecord(value: unknown, where: string): Record<string, string> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new ImportError(`${where} must be an object of strings.`);
	}
	for (const [key, entry] of Object.entries(value)) {
		if (typeof entry !== 'string') {
			throw new ImportError(`${where}.${key} must be a string, not ${JSON.stringify(entry)}.`);
		}
	}
	return value as Record<string, string>;
}

/** Column index per mapped field. */
export type ColumnIndex = Partial<Record<ImportField, number>>;

/**
 * Finds the column of each field: explicit mapping first, then known header names. Throws an
 * `ImportError` when a mapped header is missing or no column can fill the title.
 */
export function resolveColumns(header: string[], mapping: ImportMapping): ColumnIndex {
	const columns: ColumnIndex = {};
	const used = new Set<number>();
	for (const [field, name] of Object.entries(mapping.columns ?? {})) {
		const index = header.findIndex((column) => column.trim() === name.trim());
		if (index === -1) {
			throw new ImportError(
				`Column ${JSON.stringify(name)} mapped to ${field} is not in the file; its columns are ${header.map((column) => JSON.stringify(column)).join(', ')}.`
			);
		}
		columns[field as ImportField] = index;
		used.add(index);
	}
	const normalized = header.map(normalizeName);
	for (const field of IMPORT_FIELDS) {
		if (columns[field] !== undefined) continue;
		for (const name of HEADER_NAMES[field]) {
			const index = normalized.findIndex((column, at) => column === name && !used.has(at));
			if (index === -1) continue;
			columns[field] = index;
			used.add(index);
			break;
		}
	}
	if (columns.title === undefined) {
		throw new ImportError(
			`No column for the card title; name one "title" or "customer", or map it with {"columns":{"title":"<header>"}}. The columns are ${header.map((column) => JSON.stringify(column)).join(', ')}.`
		);
	}
	return columns;
}

/** Resolves CSV stage values to stage ids, with the mapping first, then ids and names. */
export class StageResolver {
	private readonly byName = new Map<string, string>();

	constructor(
		private readonly stages: Stage[],
		private readonly mapping: ImportMapping
	) {
		for (const [value, stageId] of Object.entries(mapping.stages ?? {})) {
			if (!stages.some((stage) => stage.id === stageId)) {
				throw new ImportError(
					`mapping.stages maps ${JSON.stringify(value)} to stage ${JSON.stringify(stageId)}, which is not on this board; the stages are ${stages.map((stage) => stage.id).join(', ')}.`
				);
			}
		}
		for (const [name, stageId] of Object.entries(STAGE_NAMES)) {
			if (stages.some((stage) => stage.id === stageId))
				this.byName.set(normalizeName(name), stageId);
		}
		for (const stage of stages) {
			this.byName.set(normalizeName(stage.name), stage.id);
			this.byName.set(normalizeName(stage.id), stage.id);
		}
	}

	/** Returns the stage id for a CSV value, or null when none matches. */
	resolve(value: string): string | null {
		const explicit = this.mapping.stages?.[value] ?? this.mapping.stages?.[value.trim()];
		if (explicit !== undefined) return explicit;
		return this.byName.get(normalizeName(value)) ?? null;
	}

	describe(): string {
		return this.stages.map((stage) => `${stage.id} (${stage.name})`).join(', ');
	}

	/**
	 * Returns the stage in which cards imported as won or lost were created: `mapping.startStage`,
	 * or Qualified when the creation date is an engage date, or the first open sales stage.
	 */
	startStage(createdAtHeader: string | undefined): Stage {
		const chosen = this.mapping.startStage;
		if (chosen !== undefined) {
			const stage = this.stages.find((candidate) => candidate.id === chosen);
			if (!stage) {
				throw new ImportError(
					`mapping.startStage ${JSON.stringify(chosen)} is not a stage on this board; the stages are ${this.describe()}.`
				);
			}
			return stage;
		}
		if (
			createdAtHeader !== undefined &&
			QUALIFIED_DATE_HEADERS.has(normalizeName(createdAtHeader))
		) {
			const qualified = this.stages.find((stage) => stage.id === this.resolve('engaging'));
			if (qualified) return qualified;
		}
		const firstOpen = this.stages.find((stage) => stage.lane === 'sales' && stage.kind === 'open');
		if (!firstOpen) {
			throw new ImportError('This board has no open sales stage to create imported cards in.');
		}
		return firstOpen;
	}
}
