/**
 * Postgres link generations shared by several instances, as server processes on one database
 * share them. Needs `DATABASE_TEST_URL`; the schemas it creates are dropped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresLinkGenerations } from '../../server/persistence/link-generations-postgres';
import { waitUntil } from './support';

const databaseUrl = process.env.DATABASE_TEST_URL ?? '';
if (databaseUrl === '') {
	console.warn(
		'Postgres link generation tests skipped: DATABASE_TEST_URL is not set (for example postgres://postgres@127.0.0.1:5432/test).'
	);
}

const logger = pino({ level: 'silent' });
/** Long enough that a change observed within a test's deadline came by notification, not by reload. */
const SLOW_REFRESH_MS = 60_000;

describe.runIf(databaseUrl !== '')('PostgresLinkGenerations', () => {
	const run = `tandem_test_${process.pid}_${randomBytes(4).toString('hex')}`;
	const schemas = new Set<string>();
	const opened: PostgresLinkGenerations[] = [];
	let admin: pg.Client;

	async function open(schema = run, refreshMs = SLOW_REFRESH_MS) {
		schemas.add(schema);
		const generations = await PostgresLinkGenerations.open({
			url: databaseUrl,
			schema,
			refreshMs,
			logger
		});
		opened.push(generations);
		return generations;
	}

	function boardId(): string {
		return `board-${randomBytes(4).toString('hex')}`;
	}

	beforeAll(async () => {
		admin = new pg.Client({ connectionString: databaseUrl });
		await admin.connect();
	});

	afterAll(async () => {
		for (const generations of opened) await generations.close();
		try {
			for (const schema of schemas) {
				await admin.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
			}
		} finally {
			await admin.end();
		}
	});

	it('open creates table', async () => {
		const generations = await open();

		const result = await admin.query(
			'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY column_name',
			[generations.schema, 'link_generations']
		);
		expect(result.rows).toEqual([
			{ column_name: 'board_id', data_type: 'text' },
			{ column_name: 'generation', data_type: 'integer' }
		]);
	});

	it('unrotated board is at generation 0', async () => {
		const generations = await open();

		expect(generations.current(boardId())).toBe(0);
	});

	it('rotate on one is seen by other', async () => {
		const first = await open();
		const second = await open();
		const board = boardId();
		const rotations: Array<[string, number]> = [];
		const rotatorRotations: Array<[string, number]> = [];
		second.onRotated((id, generation) => rotations.push([id, generation]));
		first.onRotated((id, generation) => rotatorRotations.push([id, generation]));

		expect(await first.rotate(board)).toBe(1);
		expect(first.current(board)).toBe(1);

		await waitUntil(() => second.current(board) === 1, 'second instance sees generation 1', 2_000);
		expect(rotations).toEqual([[board, 1]]);
		expect(rotatorRotations).toEqual([]);
	});

	it('concurrent rotates end at sum', async () => {
		const first = await open();
		const second = await open();
		const board = boardId();

		const results = await Promise.all([
			...Array.from({ length: 10 }, () => first.rotate(board)),
			...Array.from({ length: 10 }, () => second.rotate(board))
		]);

		expect([...results].sort((a, b) => a - b)).toEqual(
			Array.from({ length: 20 }, (_, index) => index + 1)
		);
		await waitUntil(() => first.current(board) === 20, 'first instance at 20', 2_000);
		await waitUntil(() => second.current(board) === 20, 'second instance at 20', 2_000);
	});

	it('open loads stored generations', async () => {
		const first = await open();
		const board = boardId();
		await first.rotate(board);
		await first.rotate(board);

		const later = await open();

		expect(later.current(board)).toBe(2);
	});

	it('reload finds change without notification', async () => {
		const generations = await open(run, 100);
		const board = boardId();
		const rotations: Array<[string, number]> = [];
		generations.onRotated((id, generation) => rotations.push([id, generation]));

		// Written directly, so no NOTIFY is sent and only the periodic reload can see it.
		await admin.query(
			`INSERT INTO ${pg.escapeIdentifier(run)}.link_generations (board_id, generation) VALUES ($1, 7)`,
			[board]
		);

		await waitUntil(() => generations.current(board) === 7, 'reload sees generation 7', 2_000);
		expect(rotations).toEqual([[board, 7]]);
	});

	it('other schema rotation is ignored', async () => {
		const local = await open();
		const elsewhere = await open(`${run}_other`);
		const board = boardId();
		const rotations: string[] = [];
		local.onRotated((id) => rotations.push(id));

		await elsewhere.rotate(board);
		// A rotation in this schema, sent after the other, shows that notifications arrived.
		const marker = boardId();
		await (await open()).rotate(marker);
		await waitUntil(() => local.current(marker) === 1, 'marker rotation seen', 2_000);

		expect(local.current(board)).toBe(0);
		expect(rotations).toEqual([marker]);
	});

	it('listen connection reconnects after loss', async () => {
		const lines: string[] = [];
		const recorded = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
		const listening = await PostgresLinkGenerations.open({
			url: databaseUrl,
			schema: run,
			refreshMs: 200,
			logger: recorded
		});
		opened.push(listening);
		const rotator = await open();

		const terminated = await admin.query<{ done: boolean }>(
			'SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = $1',
			[`tandem links ${listening.instanceId}`]
		);
		expect(terminated.rows).toEqual([{ done: true }]);
		await waitUntil(
			() => lines.some((line) => line.includes('Postgres listen connection restored')),
			'listen connection restored'
		);
		const board = boardId();
		await rotator.rotate(board);

		await waitUntil(
			() => listening.current(board) === 1,
			'rotation after reconnection seen',
			2_000
		);
		expect(lines.some((line) => line.includes('Postgres listen connection failed'))).toBe(true);
	});

	it('failed rotate names board, keeps generation', async () => {
		const schema = `${run}_dropped`;
		const generations = await open(schema);
		const board = boardId();
		await generations.rotate(board);
		await admin.query(`DROP TABLE ${pg.escapeIdentifier(schema)}.link_generations`);

		await expect(generations.rotate(board)).rejects.toThrow(
			new RegExp(`Postgres rotate of board "${board}" failed: .*link_generations`)
		);
		expect(generations.current(board)).toBe(1);
	});

	it('rotate after close rejects', async () => {
		const generations = await open();
		await generations.close();

		await expect(generations.rotate('closed-board')).rejects.toThrow(
			'Postgres rotate of board "closed-board" failed: the link generations are closed.'
		);
	});

	it('open rejects invalid schema name', async () => {
		await expect(
			PostgresLinkGenerations.open({ url: databaseUrl, schema: 'Links; DROP', logger })
		).rejects.toThrow(/schema name must be lower-case .* not "Links; DROP"/);
	});

	it('open rejects unreachable server', async () => {
		await expect(
			PostgresLinkGenerations.open({
				url: 'postgres://postgres@127.0.0.1:1/test',
				schema: run,
				logger
			})
		).rejects.toThrow(`Postgres link generations could not be opened in schema "${run}"`);
	});
});
