import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGES } from '../../src/lib/board';
import {
	ImportError,
	parseAmount,
	parseDate,
	parseMapping,
	parseTags,
	resolveColumns,
	StageResolver
} from '../../src/lib/import';

const PIPELINE_HEADER = [
	'opportunity_id',
	'sales_agent',
	'product',
	'account',
	'deal_stage',
	'engage_date',
	'close_date',
	'close_value'
];

describe('resolveColumns', () => {
	it('recognises the CRM pipeline headers', () => {
		expect(resolveColumns(PIPELINE_HEADER, {})).toEqual({
			reference: 0,
			salesOwner: 1,
			tags: 2,
			title: 3,
			stage: 4,
			createdAt: 5,
			closedAt: 6,
			value: 7
		});
	});

	it('matches Chinese and differently written headers', () => {
		const columns = resolveColumns(['客户', 'Deal Stage', '金额', 'Due-Date'], {});
		expect(columns).toMatchObject({ title: 0, stage: 1, value: 2, dueAt: 3 });
	});

	it('prefers the explicit mapping', () => {
		const columns = resolveColumns(['name', 'Kunde'], { columns: { title: 'Kunde' } });
		expect(columns.title).toBe(1);
	});

	it('rejects a mapped header missing from the file', () => {
		expect(() => resolveColumns(['a'], { columns: { title: 'Customer' } })).toThrow(
			/Column "Customer" mapped to title is not in the file; its columns are "a"/
		);
	});

	it('rejects a file without a title column', () => {
		expect(() => resolveColumns(['x', 'y'], {})).toThrow(ImportError);
	});
});

describe('parseMapping', () => {
	it('accepts columns, stages and startStage', () => {
		const mapping = { columns: { title: 'A' }, stages: { Won: 'won' }, startStage: 'lead' };
		expect(parseMapping(mapping)).toEqual(mapping);
	});

	it('rejects unknown fields and keys', () => {
		expect(() => parseMapping({ columns: { colour: 'A' } })).toThrow(/unknown field "colour"/);
		expect(() => parseMapping({ rows: {} })).toThrow(/unknown keys rows/);
		expect(() => parseMapping([])).toThrow(/JSON object/);
		expect(() => parseMapping({ stages: { Won: 4 } })).toThrow(
			/mapping.stages.Won must be a string/
		);
	});
});

describe('StageResolver', () => {
	const stages = [...DEFAULT_STAGES];

	it('maps CRM stage names', () => {
		const resolver = new StageResolver(stages, {});
		expect(
			['Prospecting', 'Engaging', 'Won', 'Lost'].map((value) => resolver.resolve(value))
		).toEqual(['lead', 'qualified', 'won', 'lost']);
		expect(resolver.resolve('赢单')).toBe('won');
		expect(resolver.resolve('Sleeping')).toBeNull();
	});

	it('rejects a mapping to a stage not on the board', () => {
		expect(() => new StageResolver(stages, { stages: { Done: 'finished' } })).toThrow(
			/"finished", which is not on this board/
		);
	});

	it('starts closed deals in Qualified after an engage date', () => {
		const resolver = new StageResolver(stages, {});
		expect(resolver.startStage('engage_date').id).toBe('qualified');
		expect(resolver.startStage('created').id).toBe('lead');
		expect(new StageResolver(stages, { startStage: 'proposal' }).startStage('x').id).toBe(
			'proposal'
		);
	});
});

describe('cell parsers', () => {
	it('parseAmount reads plain, grouped and currency amounts', () => {
		expect(parseAmount('1054', 'value')).toBe(1054);
		expect(parseAmount(' 35188 ', 'value')).toBe(35188);
		expect(parseAmount('1,054.50', 'value')).toBe(1054.5);
		expect(parseAmount('¥ 99', 'value')).toBe(99);
		expect(parseAmount('', 'value')).toBe(0);
	});

	it('parseAmount rejects text and negatives', () => {
		expect(() => parseAmount('lots', 'value')).toThrow(/value must be a number.*"lots"/);
		expect(() => parseAmount('-5', 'value')).toThrow(/0 or more/);
		expect(() => parseAmount('1,05', 'value')).toThrow(/must be a number/);
	});

	it('parseDate reads dates and times', () => {
		expect(parseDate('2017-03-01', 'closedAt')).toBe('2017-03-01T00:00:00.000Z');
		expect(parseDate('2017/3/1', 'closedAt')).toBe('2017-03-01T00:00:00.000Z');
		expect(parseDate('2017-03-01', 'dueAt', true)).toBe('2017-03-01');
		expect(parseDate('2017-03-01T09:30:00+08:00', 'x')).toBe('2017-03-01T01:30:00.000Z');
		expect(parseDate('2017-03-01 09:30', 'x')).toBe('2017-03-01T09:30:00.000Z');
		expect(parseDate('  ', 'x')).toBeNull();
	});

	it('parseDate rejects impossible and ambiguous dates', () => {
		expect(() => parseDate('2017-02-30', 'closedAt')).toThrow(
			/closedAt must be a date.*"2017-02-30"/
		);
		expect(() => parseDate('3/1/2017', 'closedAt')).toThrow(/"3\/1\/2017"/);
	});

	it('parseTags splits and dedupes', () => {
		expect(parseTags('GTX Pro; vip, GTX Pro|')).toEqual(['GTX Pro', 'vip']);
	});
});
