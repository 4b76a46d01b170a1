/**
 * Imports the 8,800-deal CRM pipeline two ways, side by side in one process:
 * straight into a `Y.Doc` (parsing, mapping and the Yjs transactions), and through the real
 * server's import endpoint (adds HTTP, storing each update in SQLite and relaying it).
 *
 * Run: npx tsx bench/import.ts [runs]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { seedBoard } from '../src/lib/board/index';
import { importCsv } from '../src/lib/import/index';
import { startServer } from '../tests/helpers/server';
import { dataFile, PIPELINE_CSV } from '../tests/helpers/data';
import { describeMachine, formatMs, median, timeRuns } from './stats';

const PIPELINE = dataFile(PIPELINE_CSV);
const runs = Number(process.argv[2] ?? 5);
const bytes = new Uint8Array(fs.readFileSync(PIPELINE));

async function importInMemory(): Promise<number> {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'bench' }, { by: 'system' });
	const result = await importCsv(doc, bytes, { context: { by: 'system' } });
	if (result.imported !== 8_800) throw new Error(`imported ${result.imported} rows, not 8800`);
	return Y.encodeStateAsUpdate(doc).byteLength;
}

async function main() {
	console.log(`Machine: ${describeMachine()}`);
	const documentBytes = await importInMemory();
	const memory = await timeRuns(runs, importInMemory);

	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-import-'));
	const server = await startServer({ dataDir });
	try {
		const viaServer = await timeRuns(runs, async () => {
			const created = await fetch(`${server.url}/api/boards`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'bench' })
			});
			const { id } = (await created.json()) as { id: string };
			const response = await fetch(`${server.url}/api/boards/${id}/import`, {
				method: 'POST',
				headers: { 'content-type': 'text/csv' },
				body: bytes
			});
			const result = (await response.json()) as { imported: number };
			if (result.imported !== 8_800) throw new Error(`server imported ${result.imported} rows`);
		});
		const storedBytes = fs
			.readdirSync(dataDir)
			.reduce((sum, file) => sum + fs.statSync(path.join(dataDir, file)).size, 0);

		console.log(`Rows: 8,800; encoded document: ${(documentBytes / 1024).toFixed(0)} KiB`);
		console.log(`Runs: ${runs} each, one phase after the other, median (min .. max)`);
		for (const [name, durations] of [
			['importCsv into a Y.Doc', memory],
			['POST /api/boards/:id/import', viaServer]
		] as const) {
			console.log(
				`  ${name.padEnd(30)} ${formatMs(median(durations))} (${formatMs(Math.min(...durations))} .. ${formatMs(Math.max(...durations))})`
			);
		}
		console.log(`Server / in-memory ratio: ${(median(viaServer) / median(memory)).toFixed(2)}`);
		console.log(`Data folder after ${runs} imports: ${(storedBytes / 1024 / 1024).toFixed(1)} MiB`);
	} finally {
		await server.dispose();
	}
}

await main();
