/**
 * Serving the built single-page client: files from the build folder, `index.html` for client
 * routes such as `/boards/abc`, and long-lived caching only for content-hashed assets.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import path from 'node:path';

/** Vite puts content-hashed files here; a changed file gets a new name, so it may be cached. */
const IMMUTABLE_PREFIX = '/_app/immutable/';
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Everything else is revalidated, so a new build is picked up on the next load. */
const REVALIDATE = 'no-cache';

function setCacheControl(_path: string, c: Context): void {
	const immutable = c.req.path.startsWith(IMMUTABLE_PREFIX);
	c.header('Cache-Control', immutable ? IMMUTABLE_CACHE : REVALIDATE);
}

/** Registers the client routes on `app`; call after the API routes. */
export function serveClient(app: Hono, buildDir: string): void {
	const root = path.resolve(buildDir);
	app.use('*', serveStatic({ root, onFound: setCacheControl }));
	const shell = serveStatic({ root, path: 'index.html', onFound: setCacheControl });
	// A path without a file extension is a client route, so it gets the app shell.
	app.get('*', (c, next) => (path.extname(c.req.path) === '' ? shell(c, next) : next()));
}
