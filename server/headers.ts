/**
 * Security headers on every response. The content security policy allows scripts from this
 * origin only, plus the inline scripts of the built `index.html` by their SHA-256 hash (the
 * theme script of `src/app.html` and the SvelteKit start script).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';

const INLINE_SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script>/g;

/** Returns the CSP source of each inline script in `html`, such as `'sha256-...'`. */
export function inlineScriptHashes(html: string): string[] {
	const hashes: string[] = [];
	for (const match of html.matchAll(INLINE_SCRIPT)) {
		const attributes = match[1] ?? '';
		if (/\ssrc\s*=/.test(attributes) || match[2].trim() === '') continue;
		hashes.push(`'sha256-${createHash('sha256').update(match[2]).digest('base64')}'`);
	}
	return hashes;
}

/** Returns the content security policy for the client built into `buildDir`. */
export function contentSecurityPolicy(buildDir: string): string {
	const shell = path.resolve(buildDir, 'index.html');
	const hashes = fs.existsSync(shell) ? inlineScriptHashes(fs.readFileSync(shell, 'utf8')) : [];
	return [
		"default-src 'self'",
		`script-src 'self' ${hashes.join(' ')}`.trim(),
		// Svelte templates carry style attributes, which only 'unsafe-inline' allows.
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob:",
		"font-src 'self'",
		"connect-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'"
	].join('; ');
}

/** Sets the security headers; the policy is computed once, from the build at start. */
export function securityHeaders(buildDir: string): MiddlewareHandler {
	const policy = contentSecurityPolicy(buildDir);
	return async (c, next) => {
		await next();
		c.header('Content-Security-Policy', policy);
		c.header('X-Frame-Options', 'DENY');
		c.header('X-Content-Type-Options', 'nosniff');
		// Share links carry their token in the query, so no URL leaves in a Referer header.
		c.header('Referrer-Policy', 'no-referrer');
	};
}
