// The client is a single-page app: the server sends index.html for every route.
export const ssr = false;
export const prerender = false;
