/**
 * `npm run import -- FILE --board ID`: sends a CSV file to the import endpoint of the Tandem
 * server running on this machine and prints what was imported and which rows were skipped.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { isValidBoardId } from '../../src/lib/board';
import { ImportError, parseMapping, type ImportResult } from '../../src/lib/import';

const HELP = `Usage: npm run import -- FILE --board ID [--mapping JSON]

Imports a CSV file as cards into a board of the Tandem server running on this
machine, at http://HOST:PORT (the server's own settings; default 127.0.0.1:3000).

Options:
  --board ID       Board to import into (required); create it in the app first.
  --mapping JSON   Which header fills which card field and which stage value goes
                   to which stage, for example
                   '{"columns":{"title":"Customer"},"stages":{"Won":"won"}}'.
                   Without it, headers and stage values are matched by name.
  --help           Show this help.

Rows that cannot be read are listed with their line numbers; the others are
imported. The exit code is 0 when the file was imported, even with skipped rows.
`;

/** Rows with errors printed in full; the rest are counted. */
const MAX_ERRORS_SHOWN = 50;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

class UsageError extends Error {}

function serverUrl(env: NodeJS.ProcessEnv): string {
	let host = env.HOST || '127.0.0.1';
	// A server listening on every interface is reached through loopback.
	if (host === '0.0.0.0') host = '127.0.0.1';
	if (host === '::') host = '::1';
	if (!LOOPBACK_HOSTS.has(host)) {
		throw new UsageError(
			`HOST is ${JSON.stringify(host)}; this command only sends files to a server on this machine (127.0.0.1, localhost or ::1).`
		);
	}
	const port = env.PORT || '3000';
	if (!/^\d{1,5}$/.test(port))
		throw new UsageError(`PORT must be a port number, not ${JSON.stringify(port)}.`);
	return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function printResult(boardId: string, result: ImportResult): void {
	const out = process.stdout;
	out.write(
		`Imported ${plural(result.imported, 'row')} into board ${boardId}; skipped ${result.skipped}.\n`
	);
	if (result.membersCreated > 0) out.write(`Added ${plural(result.membersCreated, 'member')}.\n`);
	for (const error of result.errors.slice(0, MAX_ERRORS_SHOWN)) {
		out.write(`  line ${error.line}: ${error.message}\n`);
	}
	if (result.errors.length > MAX_ERRORS_SHOWN) {
		out.write(`  … and ${result.errors.length - MAX_ERRORS_SHOWN} more rows skipped.\n`);
	}
}

async function main(argv: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			board: { type: 'string' },
			mapping: { type: 'string' },
			help: { type: 'boolean' }
		}
	});
	if (values.help) {
		process.stdout.write(HELP);
		return 0;
	}
	if (positionals.length !== 1) throw new UsageError('Name exactly one CSV file.');
	const file = positionals[0];
	const boardId = values.board;
	if (boardId === undefined)
		throw new UsageError('--board is required: the id of the board to import into.');
	if (!isValidBoardId(boardId)) {
		throw new UsageError(
			`Invalid board id ${JSON.stringify(boardId)}: use 1 to 64 letters, digits, "-" or "_".`
		);
	}
	let query = '';
	if (values.mapping !== undefined) {
		let json: unknown;
		try {
			json = JSON.parse(values.mapping);
		} catch (error) {
			throw new UsageError(`--mapping is not JSON: ${(error as Error).message}`);
		}
		parseMapping(json);
		query = `?mapping=${encodeURIComponent(values.mapping)}`;
	}
	let bytes: Uint8Array<ArrayBuffer>;
	try {
		bytes = new Uint8Array(fs.readFileSync(file));
	} catch (error) {
		throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
	}

	const base = serverUrl(process.env);
	let response: Response;
	try {
		response = await fetch(`${base}/api/boards/${boardId}/import${query}`, {
			method: 'POST',
			headers: { 'content-type': 'text/csv' },
			body: bytes
		});
	} catch (error) {
		const cause = (error as { cause?: { code?: string } }).cause;
		if (cause?.code === 'ECONNREFUSED') {
			process.stderr.write(
				`No Tandem server is running at ${base}. Start it with "npm start", or set PORT and HOST to where it runs.\n`
			);
			return 1;
		}
		throw error;
	}
	const body = (await response.json()) as ImportResult | { error: string };
	if (!response.ok || 'error' in body) {
		const message = 'error' in body ? body.error : response.statusText;
		process.stderr.write(`Import failed (HTTP ${response.status}): ${message}\n`);
		return 1;
	}
	printResult(boardId, body);
	return 0;
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(error: unknown) => {
		if (error instanceof UsageError || error instanceof ImportError || isParseArgsError(error)) {
			process.stderr.write(`${(error as Error).message}\nRun with --help for usage.\n`);
			process.exit(2);
		}
		process.stderr.write(`Import failed: ${(error as Error).stack ?? String(error)}\n`);
		process.exit(1);
	}
);

function isParseArgsError(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
