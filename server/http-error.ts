/** An expected request error: its status and message become the JSON `{ error }` response. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class HttpError extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		message: string
	) {
		super(message);
		this.name = 'HttpError';
	}
}
