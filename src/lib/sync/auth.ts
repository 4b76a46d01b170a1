/**
 * Share-link tokens on the client. A token arriving in the page URL (`?token=`) is kept in
 * sessionStorage under the board it grants, or as the admin token, and sent with the board's
 * websocket (`token` query) and REST calls (`Authorization: Bearer`). The client reads the
 * token payload only to choose what to show; the server checks the signature.
 */

export type LinkRole = 'admin' | 'editor' | 'viewer';

const STORAGE_PREFIX = 'tandem.token.';
const ADMIN_KEY = `${STORAGE_PREFIX}*`;

interface Payload {
	boardId: string;
	role: LinkRole;
	expiresAt: number;
}

/** Reads the payload of a token without checking it; returns null for a malformed token. */
export function readPayload(token: string): Payload | null {
	const [payload] = token.split('.');
	try {
		const base64 = payload.replaceAll('-', '+').replaceAll('_', '/');
		const body = JSON.parse(atob(base64)) as { b?: unknown; r?: unknown; e?: unknown };
		if (typeof body.b !== 'string' || typeof body.e !== 'number') return null;
		if (body.r !== 'admin' && body.r !== 'editor' && body.r !== 'viewer') return null;
		return { boardId: body.b, role: body.r, expiresAt: body.e };
	} catch (error) {
		// A token that is not base64 JSON is left to the server, which rejects it with a message.
		if (error instanceof SyntaxError || error instanceof DOMException) return null;
		throw error;
	}
}

function storage(): Storage | null {
	return typeof sessionStorage === 'undefined' ? null : sessionStorage;
}

/** Stores the token of `url`, if any, under the board it grants; returns the token. */
export function captureToken(url: URL): string | null {
	const token = url.searchParams.get('token');
	if (!token) return null;
	const payload = readPayload(token);
	if (!payload) return null;
	const key = payload.role === 'admin' ? ADMIN_KEY : `${STORAGE_PREFIX}${payload.boardId}`;
	storage()?.setItem(key, token);
	return token;
}

/** Returns the token to send for `boardId`: its share link, else the admin token, else null. */
export function tokenFor(boardId?: string): string | null {
	const store = storage();
	if (!store) return null;
	const board = boardId === undefined ? null : store.getItem(`${STORAGE_PREFIX}${boardId}`);
	return board ?? store.getItem(ADMIN_KEY);
}

/** Returns the role this client holds on `boardId`; `editor` when no token is needed. */
export function roleFor(boardId: string): LinkRole {
	const token = tokenFor(boardId);
	if (!token) return 'editor';
	return readPayload(token)?.role ?? 'editor';
}

/** Returns `{ authorization }` headers for a request about `boardId`, or none without a token. */
export function authHeaders(boardId?: string): Record<string, string> {
	const token = tokenFor(boardId);
	return token ? { authorization: `Bearer ${token}` } : {};
}

if (typeof window !== 'undefined') captureToken(new URL(window.location.href));
