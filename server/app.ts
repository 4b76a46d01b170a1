/** The HTTP routes: REST API under `/api`, the websocket at `/ws/:boardId`, and the client. */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { UpgradeWebSocket } from 'hono/ws';
import type { Logger } from 'pino';
import { isValidBoardId, MAX_BOARD_NAME, newId, readBoard, SYSTEM_MEMBER } from '../src/lib/board';
import {
	exportCardsCsv,
	ImportError,
	importCsv,
	parseMapping,
	type ImportMapping
} from '../src/lib/import';
import { deriveKpis, KpiOptionError, type KpiOptions } from '../src/lib/kpi';
import { AccessError, type Access, type BoardRole, type TokenClaims } from './auth';
import type { ServerConfig } from './config';
import { BoardConnection } from './connection';
import { securityHeaders } from './headers';
import { HttpError } from './http-error';
import { LogBudget } from './log-budget';
import { addMetricsRoute } from './metrics';
import type { BoardStore } from './persistence/store';
import type { Room } from './room';
import { BoardNotFoundError, type Rooms } from './rooms';
import { serveClient } from './static';
import { CloseCode } from '../src/lib/sync/close-codes';

export interface AppContext {
	config: ServerConfig;
	store: BoardStore;
	rooms: Rooms;
	logger: Logger;
	/** Open websocket connections, so a stop can close them. */
	connections: Set<BoardConnection>;
	/** Checks share-link tokens; null when the server runs without them. */
	access: Access | null;
}

/** Closes the board's open connections, except the admin's, after its links were rotated. */
export function closeRevokedConnections(connections: Set<BoardConnection>, boardId: string): void {
	for (const connection of connections) {
		if (connection.boardId === boardId && !connection.admin) {
			connection.close(CloseCode.FORBIDDEN, 'The board links were rotated; ask for a new link.');
		}
	}
}

/** Largest JSON body of the board and link endpoints, in bytes. */
const MAX_JSON_BYTES = 64 * 1024;

/** Returns the token of a request: `Authorization: Bearer <token>` or the `token` query. */
function tokenOf(c: Context): string | undefined {
	const header = c.req.header('authorization');
	const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i);
	if (bearer) return bearer[1];
	return c.req.query('token');
}

async function readJson(c: Context, example: string): Promise<unknown> {
	try {
		return await c.req.json();
	} catch (error) {
		throw new HttpError(
			400,
			`The body must be JSON such as ${example}: ${(error as Error).message}`
		);
	}
}

const MAX_LINK_DAYS = 3_650;

function parseLinkRequest(body: unknown): { role: BoardRole; expiresInDays: number } {
	const { role, expiresInDays = 30 } = (body ?? {}) as { role?: unknown; expiresInDays?: unknown };
	if (role !== 'editor' && role !== 'viewer') {
		throw new HttpError(400, `role must be "editor" or "viewer", not ${JSON.stringify(role)}.`);
	}
	if (typeof expiresInDays !== 'number' || !(expiresInDays > 0) || expiresInDays > MAX_LINK_DAYS) {
		throw new HttpError(
			400,
			`expiresInDays must be a number above 0 and at most ${MAX_LINK_DAYS}, not ${JSON.stringify(expiresInDays)}.`
		);
	}
	return { role, expiresInDays };
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
	const { now, from, to, owner, lane, asOf } = c.req.query();
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
	// deriveKpis validates the values and throws KpiOptionError, which becomes a 400.
	if (asOf !== undefined) options.asOf = asOf;
	return options;
}

/** Builds the app; `upgradeWebSocket` comes from `@hono/node-ws`, created for this app. */
export function createApp(
	context: AppContext,
	app: Hono,
	upgradeWebSocket: UpgradeWebSocket<unknown>
): Hono {
	const { config, store, rooms, logger, connections, access } = context;
	// One budget for the whole server: rejected connections log at most 20 lines per 10 s.
	const rejectionLog = new LogBudget();

	app.onError((error, c) => {
		if (error instanceof HttpError) return c.json({ error: error.message }, error.status);
		if (error instanceof AccessError) {
			logger.info(
				{ path: c.req.path, status: error.status, reason: error.message },
				'request rejected'
			);
			return c.json({ error: error.message }, error.status);
		}
		if (error instanceof BoardNotFoundError) return c.json({ error: error.message }, 404);
		if (error instanceof ImportError || error instanceof KpiOptionError) {
			return c.json({ error: error.message }, 400);
		}
		logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
		return c.json({ error: 'The server failed to handle this request; see its log.' }, 500);
	});

	app.use('*', securityHeaders(config.buildDir));

	app.get('/healthz', (c) =>
		c.json({ status: 'ok', storage: store.kind, openBoards: rooms.openCount })
	);

	const jsonLimit = bodyLimit({
		maxSize: MAX_JSON_BYTES,
		onError: (c) =>
			c.json({ error: `The JSON body is larger than the limit of ${MAX_JSON_BYTES} bytes.` }, 413)
	});
	app.post('/api/boards', jsonLimit);
	app.post('/api/boards/:id/links', jsonLimit);

	/** Rejects a request without an admin token, when tokens are required. */
	const adminOnly = (c: Context, next: () => Promise<void>) => {
		access?.admin(tokenOf(c));
		return next();
	};
	/** Rejects a request whose token does not grant the board `:id` with one of `roles`. */
	const boardAccess =
		(...roles: BoardRole[]) =>
		(c: Context, next: () => Promise<void>) => {
			if (access) {
				const claims = access.forBoard(tokenOf(c), boardIdParam(c));
				if (claims.role !== 'admin' && !roles.includes(claims.role)) {
					throw new AccessError(
						`A ${claims.role} link may not do this; it needs an editor link.`,
						403
					);
				}
			}
			return next();
		};
	app.get('/api/boards', adminOnly);
	app.post('/api/boards', adminOnly);
	// With share links on, the metrics need the admin token (Prometheus sends it as a bearer token).
	app.get('/metrics', adminOnly);
	addMetricsRoute(app);
	app.get('/api/boards/:id', boardAccess('editor', 'viewer'));
	app.get('/api/boards/:id/kpis', boardAccess('editor', 'viewer'));
	app.get('/api/boards/:id/export.csv', boardAccess('editor', 'viewer'));
	app.post('/api/boards/:id/import', boardAccess('editor'));
	app.post('/api/boards/:id/links', adminOnly);
	app.post('/api/boards/:id/links/rotate', adminOnly);

	const requireAccess = (): Access => {
		if (!access) {
			throw new HttpError(
				409,
				'Share links need a secret: start the server with TANDEM_SECRET set or TANDEM_AUTH=required.'
			);
		}
		return access;
	};

	app.post('/api/boards/:id/links', async (c) => {
		const boardId = boardIdParam(c);
		const links = requireAccess();
		const { role, expiresInDays } = parseLinkRequest(await readJson(c, '{"role": "viewer"}'));
		if (!(await store.getBoard(boardId))) {
			throw new HttpError(404, `There is no board ${JSON.stringify(boardId)}.`);
		}
		const token = links.mint(boardId, role, expiresInDays);
		const url = `${new URL(c.req.url).origin}/boards/${boardId}?token=${token}`;
		logger.info({ boardId, role, expiresInDays }, 'share link created');
		return c.json({ url, token, role }, 201);
	});

	app.post('/api/boards/:id/links/rotate', async (c) => {
		const boardId = boardIdParam(c);
		const links = requireAccess();
		let generation: number;
		try {
			generation = await links.rotate(boardId);
		} catch (error) {
			logger.error({ err: error, boardId }, 'share link rotation failed');
			throw new HttpError(
				500,
				`Rotating the links of board ${JSON.stringify(boardId)} failed, so its links still work: ${(error as Error).message}`
			);
		}
		closeRevokedConnections(connections, boardId);
		logger.info({ boardId, generation }, 'share links rotated');
		return c.json({ generation });
	});

	app.get('/api/boards', async (c) => c.json(await store.listBoards()));

	app.post('/api/boards', async (c) => {
		const name = parseBoardName(await readJson(c, '{"name": "Q3 pipeline"}'));
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

	app.get('/api/boards/:id/export.csv', async (c) => {
		const boardId = boardIdParam(c);
		const csv = await withRoom(rooms, boardId, (room) => exportCardsCsv(readBoard(room.doc)));
		return c.body(csv, 200, {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${boardId}.csv"`
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
			let claims: TokenClaims | null = null;
			let denied: AccessError | null = null;
			try {
				claims = access ? access.forBoard(c.req.query('token'), boardId) : null;
			} catch (error) {
				if (!(error instanceof AccessError)) throw error;
				denied = error;
			}
			return {
				onOpen: (_event, socket) => {
					if (denied) {
						logger.info({ boardId, reason: denied.message }, 'websocket rejected');
						socket.close(
							denied.status === 401 ? CloseCode.UNAUTHORIZED : CloseCode.FORBIDDEN,
							denied.message.slice(0, 120)
						);
						return;
					}
					connection = new BoardConnection(
						boardId,
						socket,
						rooms,
						logger,
						(gone) => connections.delete(gone),
						{
							readOnly: claims?.role === 'viewer',
							admin: claims?.role === 'admin',
							rejectionLog
						}
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
