/**
 * The offline app shell. On install it caches the built client and the static files, and page
 * loads are then served from that cache. The board itself comes from IndexedDB, so a board opened
 * once opens again while the server is down. `/api`, `/ws`, `/healthz` and `/metrics` always go
 * to the network.
 *
 * NOTE: a page still open when a new build activates has lost the old build's cache, so a chunk
 * it loads later comes from the network and fails once the server has the new build.
 */
/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;

const CACHE = `tandem-shell-${version}`;
/** Every client route is the same single-page app, so one cached document serves them all. */
const SHELL = '/';
const ASSETS = new Set([...build, ...files]);

worker.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll([SHELL, ...ASSETS]))
			.then(() => worker.skipWaiting())
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key)))
			)
			.then(() => worker.clients.claim())
	);
});

/** Paths that only the live server can serve: the REST API, the websocket, health and metrics. */
const LIVE_PATH = /^\/(api|ws|healthz|metrics)(\/|$)/;

/** Returns the cached response, or fetches and caches it when the cache has none. */
async function cacheFirst(request: Request, key: string): Promise<Response> {
	const cache = await caches.open(CACHE);
	const cached = await cache.match(key);
	if (cached) return cached;
	const response = await fetch(request);
	if (response.ok && response.type === 'basic') await cache.put(key, response.clone());
	return response;
}

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin || LIVE_PATH.test(url.pathname)) return;
	if (request.mode === 'navigate') {
		event.respondWith(cacheFirst(request, SHELL));
	} else if (ASSETS.has(url.pathname)) {
		event.respondWith(cacheFirst(request, url.pathname));
	}
});
