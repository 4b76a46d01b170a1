/** Link generations in the data folder, and the Postgres schema a server reads from its URL. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileLinkGenerations } from '../../server/auth';
import { schemaOfDatabaseUrl } from '../../server/start';

describe('FileLinkGenerations', () => {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-links-'));

	afterAll(() => {
		fs.rmSync(folder, { recursive: true, force: true });
	});

	it('rotate persists across instances', async () => {
		const dataDir = path.join(folder, 'kept');
		const generations = new FileLinkGenerations(dataDir);

		expect(await generations.rotate('q3')).toBe(1);
		expect(await generations.rotate('q3')).toBe(2);

		expect(new FileLinkGenerations(dataDir).current('q3')).toBe(2);
	});

	it('failed write keeps generation', async () => {
		// A regular file where the data folder should be makes every write fail.
		const blocked = path.join(folder, 'blocked');
		fs.writeFileSync(blocked, 'not a folder');
		const generations = new FileLinkGenerations(path.join(blocked, 'data'));

		await expect(generations.rotate('q3')).rejects.toThrow(
			/^Writing the link generation of board "q3" to .*link-generations\.json failed: /
		);
		expect(generations.current('q3')).toBe(0);
	});
});

describe('schemaOfDatabaseUrl', () => {
	it('reads search_path option', () => {
		expect(
			schemaOfDatabaseUrl('postgres://tandem@127.0.0.1:5432/tandem?options=-csearch_path%3Dsales')
		).toBe('sales');
	});

	it('reads spaced option form', () => {
		expect(
			schemaOfDatabaseUrl(
				'postgres://tandem@127.0.0.1:5432/tandem?options=-c%20search_path%3Dops%2Cpublic'
			)
		).toBe('ops');
	});

	it('returns undefined without option', () => {
		expect(schemaOfDatabaseUrl('postgres://tandem@127.0.0.1:5432/tandem')).toBeUndefined();
	});

	it('rejects a non-URL', () => {
		expect(() => schemaOfDatabaseUrl('not a url')).toThrow(/^DATABASE_URL is not a URL: /);
	});
});
