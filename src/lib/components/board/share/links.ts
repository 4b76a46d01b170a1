/** Share-link requests of the board REST API, sent with the admin token of this session. */
import { authHeaders } from '$lib/sync/auth';
import { ApiError } from '$lib/sync/api';

export interface ShareLink {
	url: string;
	token: string;
}

async function post(path: string, body?: unknown): Promise<unknown> {
	let response: Response;
	try {
		response = await fetch(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...authHeaders() },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch (error) {
		throw new ApiError(`The server could not be reached: ${(error as Error).message}`, 0);
	}
	const json = (await response.json()) as { error?: string };
	if (!response.ok) throw new ApiError(json.error ?? `HTTP ${response.status}`, response.status);
	return json;
}

/** Creates a link that grants `boardId` to an editor or a viewer for `expiresInDays` days. */
export async function createLink(
	boardId: string,
	role: 'editor' | 'viewer',
	expiresInDays: number
): Promise<ShareLink> {
	const path = `/api/boards/${encodeURIComponent(boardId)}/links`;
	return (await post(path, { role, expiresInDays })) as ShareLink;
}

/** Revokes every link of `boardId` created so far. */
export async function rotateLinks(boardId: string): Promise<void> {
	await post(`/api/boards/${encodeURIComponent(boardId)}/links/rotate`);
}

/**
 * Creates a viewer link for `expiresInDays` days that opens the board's dashboard in TV mode
 * (`/boards/:id/dashboard?token=…&tv=1`), for a screen on the wall.
 */
export async function createDashboardLink(
	boardId: string,
	expiresInDays: number
): Promise<ShareLink> {
	const link = await createLink(boardId, 'viewer', expiresInDays);
	return { url: dashboardUrl(link.url), token: link.token };
}

/** Turns a board link (`/boards/:id?token=…`) into its dashboard's TV link. */
export function dashboardUrl(boardUrl: string): string {
	const url = new URL(boardUrl);
	url.pathname = `${url.pathname.replace(/\/$/, '')}/dashboard`;
	url.searchParams.set('tv', '1');
	return url.toString();
}
