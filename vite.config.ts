import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		proxy: {
			'/api': 'http://127.0.0.1:3000',
			'/ws': { target: 'ws://127.0.0.1:3000', ws: true }
		}
	},
	test: {
		include: ['tests/**/*.test.ts'],
		globalSetup: ['tests/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 120_000,
		// The end-to-end and integration suites start real servers and browsers; running every
		// file in parallel on a two-core machine starves them.
		fileParallelism: false
	}
});
