import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	cardsInStage,
	createCard,
	putMember,
	readBoard,
	readCards,
	seedBoard,
	SYSTEM_MEMBER
} from '../../src/lib/board';
import { importCsv, ImportError, memberIdForName } from '../../src/lib/import';
import { dataFile, PIPELINE_CSV } from '../helpers/data';

const NOW = new Date('2024-06-01T12:00:00.000Z');
const context = { by: SYSTEM_MEMBER, now: NOW };
const HEADER =
	'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value';

function seededDoc(): Y.Doc {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'Import' }, { by: SYSTEM_MEMBER });
	return doc;
}

function csv(...rows: string[]): string {
	return [HEADER, ...rows].join('\n');
}

describe('importCsv', () => {
	it('gives a won deal its create and move events', async () => {
		const doc = seededDoc();
		await importCsv(doc, csv('W1,Moses Frase,GTX Basic,Cancity,Won,2016-10-20,2017-03-01,1054'), {
			context
		});
		const board = readBoard(doc);
		const card = board.cards[0];
		expect(card).toMatchObject({
			id: 'ref-W1',
			title: 'Cancity',
			value: 1054,
			tags: ['GTX Basic'],
			createdAt: '2016-10-20T00:00:00.000Z',
			closedAt: '2017-03-01T00:00:00.000Z',
			position: { stageId: 'won' }
		});
		expect(board.events.map(({ type, at, from, to }) => ({ type, at, from, to }))).toEqual([
			{ type: 'create', at: '2016-10-20T00:00:00.000Z', from: undefined, to: 'qualified' },
			{ type: 'move', at: '2017-03-01T00:00:00.000Z', from: 'qualified', to: 'won' }
		]);
	});

	it('creates a prospect without engage date at import time', async () => {
		const doc = seededDoc();
		await importCsv(doc, csv('P1,Moses Frase,GTX Basic,Cancity,Prospecting,,,'), { context });
		const board = readBoard(doc);
		expect(board.cards[0].position.stageId).toBe('lead');
		expect(board.cards[0].createdAt).toBe(NOW.toISOString());
		expect(board.events).toHaveLength(1);
		expect(board.events[0]).toMatchObject({ type: 'create', to: 'lead', at: NOW.toISOString() });
	});

	it('names a card without account after product and id', async () => {
		const doc = seededDoc();
		await importCsv(doc, csv('HAXMC4IX,Moses Frase,MG Advanced,,Engaging,2016-11-03,,'), {
			context
		});
		expect(readCards(doc)[0].title).toBe('MG Advanced · HAXMC4IX');
	});

	it('adds one member per sales agent', async () => {
		const doc = seededDoc();
		putMember(
			doc,
			{ id: 'm-known', name: 'Known Person', role: 'manager', color: '#000' },
			context
		);
		const result = await importCsv(
			doc,
			csv(
				'A1,Moses Frase,GTX,Acme,Won,2017-01-01,2017-02-01,1',
				'A2,moses  frase,GTX,Globex,Lost,2017-01-01,2017-02-01,0',
				'A3,Known Person,GTX,Initech,Engaging,2017-01-01,,'
			),
			{ context }
		);
		expect(result.membersCreated).toBe(1);
		const { members, cards } = readBoard(doc);
		const moses = members.find((member) => member.name === 'Moses Frase');
		expect(moses?.id).toBe(memberIdForName('Moses Frase'));
		expect(moses?.role).toBe('sales');
		expect(cards.find((card) => card.id === 'ref-A2')?.salesOwner).toBe(moses?.id);
		expect(cards.find((card) => card.id === 'ref-A3')?.salesOwner).toBe('m-known');
	});

	it('reports bad rows and imports the rest', async () => {
		const doc = seededDoc();
		const result = await importCsv(
			doc,
			csv(
				'B1,Ann,GTX,Acme,Won,2017-01-01,2017-02-01,10',
				'B2,Ann,GTX,Globex,Won,2017-01-01,2017-02-01,ten',
				'B3,Ann,GTX,Initech,Dreaming,2017-01-01,,',
				'B4,Ann,GTX,Hooli,Won,01/02/2017,2017-02-01,10',
				'B5,Ann,GTX',
				'B1,Ann,GTX,Acme again,Won,2017-01-01,2017-02-01,10',
				`B6,Ann,GTX,${'x'.repeat(201)},Won,2017-01-01,2017-02-01,10`,
				'B7,Ann,GTX,Umbrella,Lost,2017-01-01,2017-02-01,0'
			),
			{ context }
		);
		expect(result.imported).toBe(2);
		expect(result.skipped).toBe(6);
		expect(result.errors).toEqual([
			{ line: 3, message: expect.stringMatching(/value must be a number.*"ten"/) },
			{ line: 4, message: expect.stringMatching(/unknown stage "Dreaming"/) },
			{ line: 5, message: expect.stringMatching(/createdAt must be a date.*"01\/02\/2017"/) },
			{
				line: 6,
				message: 'row has 3 fields but the header has 8; quote fields that contain commas'
			},
			{ line: 7, message: 'a card with reference "B1" is already on the board' },
			{ line: 8, message: expect.stringMatching(/at most 200 characters/) }
		]);
		expect(
			readCards(doc)
				.map((card) => card.id)
				.sort()
		).toEqual(['ref-B1', 'ref-B7']);
	});

	it('ranks new cards after existing ones in file order', async () => {
		const doc = seededDoc();
		const existing = createCard(doc, { title: 'First', stageId: 'won' }, context);
		await importCsv(
			doc,
			csv(
				'R1,Ann,GTX,Second,Won,2017-01-01,2017-02-01,1',
				'R2,Ann,GTX,Third,Won,2017-01-01,2017-02-01,1',
				'R3,Ann,GTX,Fourth,Won,2017-01-01,2017-02-01,1'
			),
			{ context }
		);
		expect(cardsInStage(doc, 'won').map((card) => card.title)).toEqual([
			'First',
			'Second',
			'Third',
			'Fourth'
		]);
		expect(cardsInStage(doc, 'won')[0].id).toBe(existing);
	});

	it('writes one transaction per chunk', async () => {
		const doc = seededDoc();
		let updates = 0;
		doc.on('update', () => updates++);
		const rows = Array.from(
			{ length: 25 },
			(_, index) => `C${index},Ann,GTX,Co ${index},Won,2017-01-01,2017-02-01,5`
		);
		let pauses = 0;
		const result = await importCsv(doc, csv(...rows), {
			context,
			chunkRows: 10,
			betweenChunks: async () => {
				pauses++;
			}
		});
		expect(result.imported).toBe(25);
		expect(updates).toBe(3);
		expect(pauses).toBe(2);
	});

	it('rejects an empty file', async () => {
		await expect(importCsv(seededDoc(), '', { context })).rejects.toThrow(ImportError);
	});

	it('imports the pipeline file in a few seconds', async () => {
		const doc = seededDoc();
		const started = performance.now();
		const result = await importCsv(doc, fs.readFileSync(dataFile(PIPELINE_CSV)), { context });
		expect(performance.now() - started).toBeLessThan(5_000);
		expect(result).toMatchObject({ imported: 8800, skipped: 0, membersCreated: 30 });
		const count = (stageId: string) => cardsInStage(doc, stageId).length;
		expect([count('lead'), count('qualified'), count('won'), count('lost')]).toEqual([
			500, 1589, 4238, 2473
		]);
	});
});
