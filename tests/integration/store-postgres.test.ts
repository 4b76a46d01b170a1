/**
 * Postgres store behaviour beyond the shared contract: schema creation, input checks and the
 * errors an operator reads. Needs `DATABASE_TEST_URL`; the schemas it creates are dropped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { coverStoredUpdates, PostgresStore } from '../../server/persistence/postgres';
import { editDoc, recordedDoc, summaryOf } from '../helpers/store-suite';

const databaseUrl = process.env.DATABASE_TEST_URL ?? '';
if (databaseUrl === '') {
	console.warn(
		'Postgres store tests skipped: DATABASE_TEST_URL is not set (for example postgres://postgres@127.0.0.1:5432/test).'
	);
}

const TIME = '2025-03-01T09:00:00.000Z';
const logger = pino({ level: 'silent' });

describe('coverStoredUpdates', () => {
	it('returns snapshot that covers all', () => {
		const { doc, updates } = recordedDoc();
		editDoc(doc, 10);
		const snapshot = Y.encodeStateAsUpdate(doc);

		expect(coverStoredUpdates(snapshot, updates)).toBe(snapshot);
	});

	it('merges update snapshot lacks', () => {
		const { doc, updates } = recordedDoc();
		editDoc(doc, 10);
		const snapshot = Y.encodeStateAsUpdate(doc);
		doc.getText('notes').insert(0, 'later; ');

		const merged = coverStoredUpdates(snapshot, updates);
		const rebuilt = new Y.Doc();
		Y.applyUpdate(rebuilt, merged);
		expect(rebuilt.getText('notes').toString()).toBe(doc.getText('notes').toString());
	});

	it('keeps update with missing dependency', () => {
		const { doc, updates } = recordedDoc();
		editDoc(doc, 4);
		const snapshot = Y.encodeStateAsUpdate(doc);
		doc.getText('notes').insert(0, 'first; ');
		doc.getText('notes').insert(0, 'second; ');
		// Only the newest update is stored: it depends on one the snapshot lacks too.
		const newest = updates[updates.length - 1];

		const merged = coverStoredUpdates(snapshot, [newest]);
		const rebuilt = new Y.Doc();
		Y.applyUpdate(rebuilt, merged);
		Y.applyUpdate(rebuilt, updates[updates.length - 2]);
		expect(rebuilt.getText('notes').toString()).toBe(doc.getText('notes').toString());
	});
});

describe.runIf(databaseUrl !== '')('PostgresStore', () => {
	const run = `tandem_test_${process.pid}_${randomBytes(4).toString('hex')}`;
	const schemas: string[] = [];
	const stores: PostgresStore[] = [];

	async function open(schema = `${run}_${schemas.length}`): Promise<PostgresStore> {
		if (!schemas.includes(schema)) schemas.push(schema);
		const store = await PostgresStore.open({ url: databaseUrl, schema, logger });
		stores.push(store);
		return store;
	}

	afterAll(async () => {
		for (const store of stores) await store.close();
		const client = new pg.Client({ connectionString: databaseUrl });
		await client.connect();
		try {
			for (const schema of schemas) {
				await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
			}
		} finally {
			await client.end();
		}
	});

	it('open creates tables and index', async () => {
		const store = await open();
		const client = new pg.Client({ connectionString: databaseUrl });
		await client.connect();
		try {
			const tables = await client.query<{ tablename: string }>(
				'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
				[store.schema]
			);
			expect(tables.rows.map((row) => row.tablename)).toEqual(['board_updates', 'boards']);
			const indexes = await client.query<{ indexname: string }>(
				'SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND indexname = $2',
				[store.schema, 'board_updates_by_board']
			);
			expect(indexes.rows.length).toBe(1);
		} finally {
			await client.end();
		}
	});

	it('concurrent opens of one schema succeed', async () => {
		const schema = `${run}_shared`;
		const opened = await Promise.all([open(schema), open(schema), open(schema)]);

		expect(opened.map((store) => store.schema)).toEqual([schema, schema, schema]);
	});

	it('open rejects invalid schema name', async () => {
		await expect(
			PostgresStore.open({ url: databaseUrl, schema: 'Boards; DROP', logger })
		).rejects.toThrow(/schema name must be lower-case .* not "Boards; DROP"/);
	});

	it('open reports unreachable server', async () => {
		// Port 1 is privileged and no database server listens there, so the connection is refused.
		await expect(
			PostgresStore.open({ url: 'postgres://postgres@127.0.0.1:1/test', schema: run, logger })
		).rejects.toThrow(/could not create schema .*ECONNREFUSED/);
	});

	it('append rejects summary of other board', async () => {
		const store = await open();
		const update = Y.encodeStateAsUpdate(new Y.Doc());

		await expect(store.appendUpdate('board-a', update, summaryOf('board-b', TIME))).rejects.toThrow(
			'Postgres appendUpdate of board "board-a" failed: the summary is of board "board-b".'
		);
		expect(await store.loadBoard('board-a')).toBeNull();
	});

	it('append rejects invalid lastChange', async () => {
		const store = await open();
		const update = Y.encodeStateAsUpdate(new Y.Doc());

		await expect(
			store.appendUpdate('board-a', update, summaryOf('board-a', 'yesterday'))
		).rejects.toThrow(/appendUpdate of board "board-a" failed: .*not "yesterday"/);
		expect(await store.getBoard('board-a')).toBeNull();
	});

	it('closed store rejects with board id', async () => {
		const store = await open();
		await store.close();

		await expect(store.loadBoard('board-a')).rejects.toThrow(
			'Postgres loadBoard of board "board-a" failed: the store is closed.'
		);
		await expect(store.listBoards()).rejects.toThrow('the store is closed');
	});

	it('lastChange keeps its instant', async () => {
		const store = await open();
		const update = Y.encodeStateAsUpdate(new Y.Doc());
		await store.appendUpdate('board-a', update, summaryOf('board-a', '2025-03-01T10:00:00+01:00'));

		expect((await store.getBoard('board-a'))?.lastChange).toBe(TIME);
	});
});
