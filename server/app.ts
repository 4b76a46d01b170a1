/** The HTTP routes: REST API under `/api`, the websocket at `/ws/:boardId`, and the client. */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { UpgradeWebSocket } from 'hono/ws';
import type { Logger } from 'pino';
import { isValidBoardId, MAX_BOARD_NAME, newId, readBoard, SYSTEM_MEMBER } from '../src/lib/board';
import { ImportError, importCsv, parseMapping, type ImportMapping } from '../src/lib/import';
import { deriveKpis, KpiOptionError, type KpiOptions } from '../src/lib/kpi';
import type { ServerConfig } from './config';
import { BoardConnection } from './connection';
import { HttpError } from './http-error';
import type { BoardStore } from './persistence/store';
import type { Room } from './room';
import { BoardNotFoundError, type Rooms } from './rooms';
import { serveClient } from './static';

export interface AppContext {
	config: ServerConfig;
	store: BoardStore;
	rooms: Rooms;
	logger: Logger;
	/** Open websocket connections, so a stop can close them. */
	connections: Set<BoardConnection>;
}

function boardIdParam(c: Context): string {
	const boardId = c.req.param('id') ?? c.req.param('boardId') ?? '';
	if (!isValidBoardId(boardId)) {
		throw new HttpError(
			400,
			`Invalid board id ${JSON.stringify(boardId)}: use 1 to 64 letters, digits, "-" or "_".`
		);
	}
	return boardId;
}

/** Runs `use` with the loaded room of an existing board, holding it open meanwhile. */
async function withRoom<T>(
	rooms: Rooms,
	boardId: string,
	use: (room: Room) => Promise<T> | T
): Promise<T> {
	const room = await rooms.acquire(boardId);
	try {
		return await use(room);
	} finally {
		rooms.release(room);
	}
}

function parseBoardName(body: unknown): string {
	const name = (body as { name?: unknown } | null)?.name;
	if (typeof name !== 'string') {
		throw new HttpError(
			400,
			`A board needs a name: send {"name": "..."}, not ${JSON.stringify(body)}.`
		);
	}
	const trimmed = name.trim();
	if (trimmed === '' || trimmed.length > MAX_BOARD_NAME) {
		throw new HttpError(
			400,
			`A board name is 1 to ${MAX_BOARD_NAME} characters; ${JSON.stringify(name)} has ${trimmed.length} after trimming.`
		);
	}
	return trimmed;
}

function kpiOptions(c: Context): KpiOptions {
	const options: KpiOptions = {};
	const { now, from, to, owner, lane } = c.req.query();
	if (now !== undefined) {
		const date = new Date(now);
		if (Number.isNaN(date.getTime())) {
			throw new HttpError(400, `now must be an ISO 8601 time, not ${JSON.stringify(now)}.`);
		}
		options.now = date;
	}
	if (from !== undefined) options.from = from;
	if (to !== undefined) options.to = to;
	if (owner !== undefined) options.owner = owner;
	if (lane !== undefined) options.lane = lane as KpiOptions['lane'];
	return options;
}

/** Builds the app; `upgradeWebSocket` comes from `@hono/node-ws`, created for this app. */
export function createApp(
	context: AppContext,
	app: Hono,
	upgradeWebSocket: UpgradeWebSocket<unknown>
): Hono {
	const { config, store, rooms, logger, connections } = context;

	app.onError((error, c) => {
		if (error instanceof HttpError) return c.json({ error: error.message }, error.status);
		if (error instanceof BoardNotFoundError) return c.json({ error: error.message }, 404);
		if (error instanceof ImportError || error instanceof KpiOptionError) {
			return c.json({ error: error.message }, 400);
		}
		logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
		return c.json({ error: 'The server failed to handle this request; see its log.' }, 500);
	});

	app.get('/healthz', (c) =>
		c.json({ status: 'ok', storage: store.kind, openBoards: rooms.openCount })
	);

	app.get('/api/boards', async (c) => c.json(await store.listBoards()));

	app.post('/api/boards', async (c) => {
		let body: unknown;
		try {
			body = await c.req.json();
		} catch (error) {
			throw new HttpError(
				400,
				`The body must be JSON such as {"name": "Q3 pipeline"}: ${(error as Error).message}`
			);
		}
		const name = parseBoardName(body);
		const id = newId();
		const room = await rooms.acquire(id, { createWithName: name });
		try {
			await room.flushed();
		} finally {
			rooms.release(room);
		}
		logger.info({ boardId: id, name }, 'board created');
		return c.json({ id }, 201);
	});

	app.get('/api/boards/:id', async (c) => {
		const boardId = boardIdParam(c);
		const board = await withRoom(rooms, boardId, (room) => readBoard(room.doc));
		const summary = await store.getBoard(boardId);
		return c.json({
			id: boardId,
			name: board.meta.name,
			currency: board.meta.currency,
			createdAt: board.meta.createdAt,
			lastChange: summary?.lastChange ?? null,
			cardCount: board.cards.length,
			eventCount: board.events.length,
			members: board.members,
			stages: board.stages.map((stage) => ({
				...stage,
				cardCount: board.cards.filter(
					(card) => card.position.stageId === stage.id && !card.archived
				).length
			}))
		});
	});

	app.get('/api/boards/:id/kpis', async (c) => {
		const boardId = boardIdParam(c);
		const options = kpiOptions(c);
		const kpis = await withRoom(rooms, boardId, (room) => deriveKpis(readBoard(room.doc), options));
		return c.json(kpis);
	});

	app.post(
		'/api/boards/:id/import',
		bodyLimit({
			maxSize: config.maxImportBytes,
			onError: (c) =>
				c.json(
					{
						error: `The CSV file is larger than the limit of ${config.maxImportBytes} bytes (MAX_IMPORT_BYTES); split it or raise the limit.`
					},
					413
				)
		}),
		async (c) => {
			const boardId = boardIdParam(c);
			const mappingParam = c.req.query('mapping');
			let mapping: ImportMapping | undefined;
			if (mappingParam !== undefined) {
				let json: unknown;
				try {
					json = JSON.parse(mappingParam);
				} catch (error) {
					throw new HttpError(
						400,
						`The mapping parameter is not JSON: ${(error as Error).message}`
					);
				}
				mapping = parseMapping(json);
			}
			const bytes = new Uint8Array(await c.req.arrayBuffer());
			const result = await withRoom(rooms, boardId, async (room) => {
				const started = performance.now();
				const result = await importCsv(room.doc, bytes, {
					mapping,
					context: { by: SYSTEM_MEMBER },
					betweenChunks: () => new Promise((resolve) => setImmediate(resolve))
				});
				await room.flushed();
				logger.info(
					{
						boardId,
						imported: result.imported,
						skipped: result.skipped,
						bytes: bytes.byteLength,
						ms: Math.round(performance.now() - started)
					},
					'csv imported'
				);
				return result;
			});
			return c.json(result);
		}
	);

	app.all('/api/*', (c) => c.json({ error: `No API route ${c.req.method} ${c.req.path}.` }, 404));

	app.get(
		'/ws/:boardId',
		(c, next) => {
			boardIdParam(c);
			return next();
		},
		upgradeWebSocket((c) => {
			const boardId = c.req.param('boardId') ?? '';
			let connection: BoardConnection | null = null;
			return {
				onOpen: (_event, socket) => {
					connection = new BoardConnection(boardId, socket, rooms, logger, (gone) =>
						connections.delete(gone)
					);
					connections.add(connection);
					connection.open();
				},
				onMessage: (event, _socket) => {
					connection?.receive(event.data as ArrayBuffer | string);
				},
				onClose: (event) => {
					connection?.detach(event.code);
				},
				onError: (event) => {
					logger.warn(
						{ boardId, connectionId: connection?.id, err: (event as ErrorEvent).error },
						'websocket error'
					);
				}
			};
		})
	);

	serveClient(app, config.buildDir);
	return app;
}
