import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AccessError, signToken, verifyToken } from '../../server/auth';
import { ConfigError, describeConfig, loadConfig } from '../../server/config';

const SECRET = 'config-test-secret-0123456789abcdefghijklmnopq';

function claims(expiresAt = Math.floor(Date.now() / 1000) + 60) {
	return { boardId: 'q3', role: 'editor' as const, expiresAt, generation: 0 };
}

describe('auth settings', () => {
	it('TANDEM_AUTH accepts three modes', () => {
		expect(loadConfig({ TANDEM_AUTH: 'required' }).auth).toBe('required');
		expect(loadConfig({}).auth).toBe('auto');
		expect(() => loadConfig({ TANDEM_AUTH: 'yes' })).toThrow(ConfigError);
		expect(() => loadConfig({ TANDEM_AUTH: 'yes' })).toThrow(/auto, required or off/);
	});

	it('described config hides the secret', () => {
		const config = loadConfig({ TANDEM_SECRET: SECRET });
		expect(config.secret).toBe(SECRET);
		expect(JSON.stringify(describeConfig(config))).not.toContain(SECRET);
	});
});

describe('token checks', () => {
	it('valid token returns its claims', () => {
		expect(verifyToken(SECRET, signToken(SECRET, claims()))).toEqual(claims());
	});

	it('edited payload fails the signature', () => {
		const [, signature] = signToken(SECRET, claims()).split('.');
		const payload = Buffer.from(JSON.stringify({ b: 'q3', r: 'admin', e: 9e9, g: 0 }));
		const edited = `${payload.toString('base64url')}.${signature}`;
		expect(() => verifyToken(SECRET, edited)).toThrow(/wrong signature/);
	});

	it('truncated signature fails', () => {
		const token = signToken(SECRET, claims());
		expect(() => verifyToken(SECRET, token.slice(0, -4))).toThrow(AccessError);
	});

	it('signed non-JSON payload fails', () => {
		const payload = Buffer.from('not json').toString('base64url');
		const signature = createHmac('sha256', SECRET).update(payload).digest('base64url');
		expect(() => verifyToken(SECRET, `${payload}.${signature}`)).toThrow(/not JSON/);
	});

	it('expired token fails', () => {
		const token = signToken(SECRET, claims(Math.floor(Date.now() / 1000) - 1));
		expect(() => verifyToken(SECRET, token)).toThrow(/expired/);
	});
});
