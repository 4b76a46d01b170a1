/** Calls to the board REST API under `/api`, on the server that served this page. */
import { authHeaders } from './auth';

export interface BoardSummary {
	id: string;
	name: string;
	cardCount: number;
	/** ISO 8601 time of the last change, or null for a board nobody has changed. */
	lastChange: string | null;
}

export interface ImportRowError {
	line: number;
	message: string;
}

export interface ImportResult {
	imported: number;
	skipped: number;
	errors: ImportRowError[];
}

/** A request the server rejected; `status` is the HTTP status, 0 when the server was unreachable. */
export class ApiError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
		this.name = 'ApiError';
	}
}

async function errorFrom(response: Response): Promise<ApiError> {
	const text = await response.text();
	let message = text || response.statusText;
	try {
		const body = JSON.parse(text) as { error?: unknown };
		if (typeof body.error === 'string') message = body.error;
	} catch (error) {
		// A body that is not JSON (a proxy's error page, say) is shown as it is.
		if (!(error instanceof SyntaxError)) throw error;
	}
	return new ApiError(message, response.status);
}

export async function listBoards(fetcher: typeof fetch = fetch): Promise<BoardSummary[]> {
	const response = await fetcher('/api/boards', { headers: authHeaders() });
	if (!response.ok) throw await errorFrom(response);
	return (await response.json()) as BoardSummary[];
}

/** Creates a board and returns its id; the server seeds its stages. */
export async function createBoard(name: string, fetcher: typeof fetch = fetch): Promise<string> {
	const response = await fetcher('/api/boards', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...authHeaders() },
		body: JSON.stringify({ name })
	});
	if (!response.ok) throw await errorFrom(response);
	const body = (await response.json()) as { id: string };
	return body.id;
}

/**
 * Uploads a CSV file to a board's import endpoint. Uses `XMLHttpRequest` because `fetch` reports
 * no upload progress; `onProgress` receives the fraction sent, 0 to 1.
 */
export function importCsv(
	boardId: string,
	file: Blob,
	onProgress: (fraction: number) => void,
	mapping?: Record<string, string>
): Promise<ImportResult> {
	let url = `/api/boards/${encodeURIComponent(boardId)}/import`;
	if (mapping) url += `?mapping=${encodeURIComponent(JSON.stringify(mapping))}`;
	return new Promise((resolve, reject) => {
		const request = new XMLHttpRequest();
		request.open('POST', url);
		request.setRequestHeader('content-type', 'text/csv');
		for (const [name, value] of Object.entries(authHeaders(boardId))) {
			request.setRequestHeader(name, value);
		}
		request.upload.onprogress = (event) => {
			if (event.lengthComputable) onProgress(event.loaded / event.total);
		};
		request.onerror = () => reject(new ApiError('The server could not be reached.', 0));
		request.onload = () => {
			let body: unknown = null;
			try {
				body = JSON.parse(request.responseText);
			} catch (error) {
				if (!(error instanceof SyntaxError)) throw error;
			}
			if (request.status >= 200 && request.status < 300 && body) {
				onProgress(1);
				resolve(body as ImportResult);
				return;
			}
			const message =
				body && typeof (body as { error?: unknown }).error === 'string'
					? (body as { error: string }).error
					: request.statusText || `HTTP ${request.status}`;
			reject(new ApiError(message, request.status));
		};
		request.send(file);
	});
}
