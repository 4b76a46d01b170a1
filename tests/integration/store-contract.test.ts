/**
 * Runs the board store contract against every store. The Postgres run needs a server:
 * `DATABASE_TEST_URL=postgres://postgres@127.0.0.1:5432/test`. Each Postgres test gets its own
 * schema, named after this run, and the run drops its schemas when it ends.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, describe } from 'vitest';
import { MemoryStore } from '../../server/persistence/memory';
import { PostgresStore } from '../../server/persistence/postgres';
import { SqliteStore } from '../../server/persistence/sqlite';
import type { BoardStore } from '../../server/persistence/store';
import { describeStoreContract } from '../helpers/store-suite';

describeStoreContract('memory', async () => new MemoryStore());

describe('sqlite', () => {
	const folders: string[] = [];

	afterAll(() => {
		for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
	});

	describeStoreContract(
		'sqlite',
		async () => {
			const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-store-'));
			folders.push(folder);
			return new SqliteStore(folder);
		},
		{ reopen: async (store) => new SqliteStore(path.dirname((store as SqliteStore).file)) }
	);
});

const databaseUrl = process.env.DATABASE_TEST_URL ?? '';
if (databaseUrl === '') {
	console.warn(
		'Postgres store contract skipped: DATABASE_TEST_URL is not set (for example postgres://postgres@127.0.0.1:5432/test).'
	);
}

describe.runIf(databaseUrl !== '')('postgres', () => {
	const run = `tandem_test_${process.pid}_${randomBytes(4).toString('hex')}`;
	const schemas: string[] = [];
	const logger = pino({ level: 'silent' });

	afterAll(async () => {
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

	async function open(schema: string): Promise<BoardStore> {
		return PostgresStore.open({ url: databaseUrl, schema, logger });
	}

	describeStoreContract(
		'postgres',
		async () => {
			const schema = `${run}_${schemas.length}`;
			schemas.push(schema);
			return open(schema);
		},
		{
			reopen: async (store) => open((store as PostgresStore).schema),
			sharedByProcesses: true
		}
	);
});
