import { describe, expect, it } from 'vitest';
import { deriveKpis, KpiOptionError, type KpiOptions } from '../../src/lib/kpi';
import { addCard, day, emptyBoard, snapshot } from './kpi-fixtures';

function optionError(options: KpiOptions): KpiOptionError {
	const doc = emptyBoard();
	addCard(doc, 'a', 0);
	try {
		deriveKpis(snapshot(doc), options);
	} catch (error) {
		if (error instanceof KpiOptionError) return error;
		throw error;
	}
	throw new Error(`deriveKpis accepted ${JSON.stringify(options)}`);
}

describe('kpi options', () => {
	it('rejects an invalid from', () => {
		const error = optionError({ from: 'last week' });
		expect(error.option).toBe('from');
		expect(error.message).toContain('"last week"');
	});

	it('rejects an invalid to', () => {
		const error = optionError({ to: '2024-13-45' });
		expect(error.option).toBe('to');
		expect(error.message).toContain('"2024-13-45"');
	});

	it('rejects a period ending before it starts', () => {
		const error = optionError({ from: '2024-03-01', to: '2024-02-01' });
		expect(error.option).toBe('to');
		expect(error.message).toContain('2024-02-01');
	});

	it('rejects an unknown lane', () => {
		const error = optionError({ lane: 'marketing' as never });
		expect(error.option).toBe('lane');
		expect(error.message).toContain('"marketing"');
	});

	it('rejects an empty owner', () => {
		expect(optionError({ owner: '' }).option).toBe('owner');
	});

	it('rejects an invalid now', () => {
		expect(optionError({ now: new Date('nope') }).option).toBe('now');
	});

	it('accepts a one-day period', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0);
		const kpis = deriveKpis(snapshot(doc), { now: day(1), from: '2024-01-01', to: '2024-01-01' });
		expect(kpis.cardCount).toBe(1);
	});

	it('leaves the board unchanged', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { value: 3 });
		const before = JSON.stringify(doc.toJSON());
		optionError({ from: 'soon' });
		deriveKpis(snapshot(doc), { now: day(1) });
		expect(JSON.stringify(doc.toJSON())).toBe(before);
	});
});
