/**
 * Share links: HMAC-SHA256 signed tokens that grant one board to an editor or a viewer, and an
 * admin token that may create boards and mint links. A token is `<payload>.<signature>`, both
 * base64url; the payload is JSON `{ b: boardId, r: role, e: expiry (Unix seconds), g: link
 * generation }`. Rotating a board's links raises its generation, so older tokens stop working.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import { writePermissionDenied } from 'y-protocols/auth';

export type BoardRole = 'editor' | 'viewer';
export type Role = BoardRole | 'admin';

export interface TokenClaims {
	/** Board id, or `*` for the admin token. */
	boardId: string;
	role: Role;
	/** Expiry in Unix seconds. */
	expiresAt: number;
	generation: number;
}

/** A request that carries no valid token (401) or a token that does not grant it (403). */
export class AccessError extends Error {
	constructor(
		message: string,
		readonly status: 401 | 403
	) {
		super(message);
		this.name = 'AccessError';
	}
}

const ADMIN_BOARD = '*';
const SECRET_FILE = 'secret';
const GENERATIONS_FILE = 'link-generations.json';
const MIN_SECRET_LENGTH = 32;
const DAY_SECONDS = 86_400;
/** The admin token printed when a secret is generated stays valid for ten years. */
const ADMIN_TOKEN_DAYS = 3_650;

function base64url(data: Buffer | string): string {
	return Buffer.from(data).toString('base64url');
}

function sign(secret: string, payload: string): Buffer {
	return createHmac('sha256', secret).update(payload).digest();
}

export function signToken(secret: string, claims: TokenClaims): string {
	const payload = base64url(
		JSON.stringify({ b: claims.boardId, r: claims.role, e: claims.expiresAt, g: claims.generation })
	);
	return `${payload}.${base64url(sign(secret, payload))}`;
}

export function adminToken(secret: string, now = Date.now()): string {
	return signToken(secret, {
		boardId: ADMIN_BOARD,
		role: 'admin',
		expiresAt: Math.floor(now / 1000) + ADMIN_TOKEN_DAYS * DAY_SECONDS,
		generation: 0
	});
}

function isRole(value: unknown): value is Role {
	return value === 'editor' || value === 'viewer' || value === 'admin';
}

/** Checks the signature and expiry of `token`; throws a 401 `AccessError` saying what is wrong. */
export function verifyToken(secret: string, token: string, now = Date.now()): TokenClaims {
	const parts = token.split('.');
	if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
		throw new AccessError('The access token is malformed: expected <payload>.<signature>.', 401);
	}
	const [payload, signature] = parts;
	const expected = sign(secret, payload);
	const received = Buffer.from(signature, 'base64url');
	if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
		throw new AccessError('The access token has a wrong signature; ask for a new link.', 401);
	}
	let body: { b?: unknown; r?: unknown; e?: unknown; g?: unknown };
	try {
		body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body;
	} catch (error) {
		throw new AccessError(`The access token payload is not JSON: ${(error as Error).message}`, 401);
	}
	if (
		typeof body.b !== 'string' ||
		!isRole(body.r) ||
		typeof body.e !== 'number' ||
		typeof body.g !== 'number'
	) {
		throw new AccessError(
			'The access token payload lacks a board, role, expiry or generation.',
			401
		);
	}
	if (body.e * 1000 <= now) {
		throw new AccessError(
			`The access token expired at ${new Date(body.e * 1000).toISOString()}; ask for a new link.`,
			401
		);
	}
	return { boardId: body.b, role: body.r, expiresAt: body.e, generation: body.g };
}

/** The link generation of each board; a board never rotated is at generation 0. */
export interface LinkGenerations {
	current(boardId: string): number;
	/**
	 * Raises the board's generation, revoking every link minted before, and resolves with it.
	 * When it rejects, `current` still returns the earlier generation.
	 */
	rotate(boardId: string): Promise<number>;
}

/** Generations kept in a JSON file in the data folder, replaced atomically on each rotation. */
export class FileLinkGenerations implements LinkGenerations {
	private readonly file: string;
	private readonly generations: Map<string, number>;

	constructor(dataDir: string) {
		this.file = path.join(dataDir, GENERATIONS_FILE);
		let stored: Record<string, number> = {};
		if (fs.existsSync(this.file)) {
			try {
				stored = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, number>;
			} catch (error) {
				throw new AuthSetupError(
					`The link generations file ${this.file} is not valid JSON (${(error as Error).message}); restore it from a backup, or delete it to make every unexpired link work again.`
				);
			}
		}
		this.generations = new Map(Object.entries(stored));
	}

	current(boardId: string): number {
		return this.generations.get(boardId) ?? 0;
	}

	rotate(boardId: string): Promise<number> {
		const next = this.current(boardId) + 1;
		const stored = { ...Object.fromEntries(this.generations), [boardId]: next };
		try {
			fs.mkdirSync(path.dirname(this.file), { recursive: true });
			const temporary = `${this.file}.${process.pid}.tmp`;
			fs.writeFileSync(temporary, JSON.stringify(stored), { mode: 0o600 });
			fs.renameSync(temporary, this.file);
		} catch (error) {
			return Promise.reject(
				new Error(
					`Writing the link generation of board ${JSON.stringify(boardId)} to ${this.file} failed: ${(error as Error).message}`,
					{ cause: error }
				)
			);
		}
		this.generations.set(boardId, next);
		return Promise.resolve(next);
	}
}

/** Checks tokens against one secret and the boards' link generations, and mints share links. */
export class Access {
	constructor(
		private readonly secret: string,
		private readonly generations: LinkGenerations
	) {}

	/** Returns the claims of a token valid for `boardId`, or throws an `AccessError`. */
	forBoard(token: string | undefined, boardId: string, now = Date.now()): TokenClaims {
		const claims = this.verify(token, now);
		if (claims.role === 'admin') return claims;
		if (claims.boardId !== boardId) {
			throw new AccessError(`This link is for another board, not ${JSON.stringify(boardId)}.`, 403);
		}
		if (claims.generation !== this.generations.current(boardId)) {
			throw new AccessError(
				'This link was revoked when the board links were rotated; ask for a new link.',
				403
			);
		}
		return claims;
	}

	/** Throws an `AccessError` unless `token` is a valid admin token. */
	admin(token: string | undefined, now = Date.now()): TokenClaims {
		const claims = this.verify(token, now);
		if (claims.role !== 'admin') {
			throw new AccessError('Only the admin link may do this; a board link does not.', 403);
		}
		return claims;
	}

	mint(boardId: string, role: BoardRole, expiresInDays: number, now = Date.now()): string {
		return signToken(this.secret, {
			boardId,
			role,
			expiresAt: Math.floor(now / 1000) + Math.round(expiresInDays * DAY_SECONDS),
			generation: this.generations.current(boardId)
		});
	}

	rotate(boardId: string): Promise<number> {
		return this.generations.rotate(boardId);
	}

	private verify(token: string | undefined, now: number): TokenClaims {
		if (token === undefined || token === '') {
			throw new AccessError(
				'This board needs an access token: open a share link, or send Authorization: Bearer <token>.',
				401
			);
		}
		return verifyToken(this.secret, token, now);
	}
}

/** The y-websocket message type of an auth message. */
const AUTH_MESSAGE = 2;

/** Encodes a y-websocket auth message that denies a change, as y-protocols/auth reads it. */
export function encodePermissionDenied(reason: string): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, AUTH_MESSAGE);
	writePermissionDenied(encoder, reason);
	return encoding.toUint8Array(encoder);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
	return LOOPBACK_HOSTS.has(host.toLowerCase());
}

export type AuthMode = 'auto' | 'required' | 'off';

export interface SecretSettings {
	host: string;
	dataDir: string;
	/** `auto` requires tokens off loopback only; `required` everywhere; `off` nowhere. */
	auth: AuthMode;
	/** The secret from `TANDEM_SECRET`; empty when unset. */
	secret: string;
}

export interface ResolvedSecret {
	secret: string;
	/** True when the secret was generated at this start, so its admin link must be shown. */
	generated: boolean;
}

/**
 * Returns the secret that signs tokens, or null when tokens are not required. In `auto` mode off
 * loopback, the secret must come from `TANDEM_SECRET` or the data folder. In `required` mode a
 * missing secret is generated into the data folder with file mode 0600.
 */
export function resolveSecret(settings: SecretSettings): ResolvedSecret | null {
	const required = settings.auth === 'required' || !isLoopback(settings.host);
	if (settings.auth === 'off' && !isLoopback(settings.host)) {
		throw new AuthSetupError(
			`TANDEM_AUTH=off is only allowed on a loopback HOST, not ${settings.host}: anyone who reaches the port could edit every board.`
		);
	}
	if (!required) return null;
	if (settings.secret !== '') {
		if (settings.secret.length < MIN_SECRET_LENGTH) {
			throw new AuthSetupError(
				`TANDEM_SECRET must be at least ${MIN_SECRET_LENGTH} characters; it has ${settings.secret.length}.`
			);
		}
		return { secret: settings.secret, generated: false };
	}
	const file = path.join(settings.dataDir, SECRET_FILE);
	if (fs.existsSync(file)) {
		const stored = fs.readFileSync(file, 'utf8').trim();
		if (stored.length < MIN_SECRET_LENGTH) {
			throw new AuthSetupError(
				`The secret in ${path.resolve(file)} has ${stored.length} characters, fewer than ${MIN_SECRET_LENGTH}; restore it from a backup, or delete it and start with TANDEM_AUTH=required to generate a new one (every share link then stops working).`
			);
		}
		return { secret: stored, generated: false };
	}
	if (settings.auth !== 'required') {
		throw new AuthSetupError(
			`HOST is ${settings.host}, not loopback, so boards need share links and a secret to sign them. Set TANDEM_SECRET (${MIN_SECRET_LENGTH} or more characters), or start once with TANDEM_AUTH=required to generate one in ${path.resolve(file)}.`
		);
	}
	const secret = randomBytes(32).toString('base64url');
	fs.mkdirSync(settings.dataDir, { recursive: true });
	fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
	return { secret, generated: true };
}

/** Auth settings that keep the server from starting. */
export class AuthSetupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AuthSetupError';
	}
}
