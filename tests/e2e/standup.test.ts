/**
 * The stand-up page in Chromium against the real server, with two browser contexts: a presenter
 * walks through the card owners and a follower's view tracks the same person and countdown. Ending
 * records the stand-up, so the next one counts changes from that end. Screenshots of both views,
 * in both languages and both themes, go to /tmp/tandem-shots/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCard, moveCard, putMember } from '../../src/lib/board';
import { readStandups } from '../../src/lib/standup';
import { launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, waitUntil, type BoardClient } from '../integration/support';
import { openContext, watchErrors } from './board-pages';

const SHOTS = '/tmp/tandem-shots';

let server: TestServer;
let browser: Browser;
let client: BoardClient;
let boardId: string;
let presenter: Page;
let follower: Page;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

async function createBoard(name: string): Promise<string> {
	const response = await fetch(`${server.url}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name })
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: string }).id;
}

async function openStandup(
	options: { locale?: 'en' | 'zh'; theme?: 'light' | 'dark' } = {}
): Promise<Page> {
	const context = await openContext(browser, options);
	contexts.push(context);
	const opened = await context.newPage();
	watchErrors(opened, errors);
	await opened.goto(`${server.url}/boards/${boardId}/standup`);
	await opened.locator('[data-state="ready"]').waitFor();
	return opened;
}

function currentPerson(on: Page): Promise<string | null> {
	return on.locator('[data-current-person]').getAttribute('data-current-person');
}

async function showsPerson(on: Page, personId: string): Promise<void> {
	await on.locator(`[data-current-person="${personId}"]`).waitFor();
}

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	server = await startServer();
	browser = await launchBrowser();
	boardId = await createBoard('Daily pipeline');
	client = await connectClient(server.wsUrl, boardId);
	const doc = client.doc;
	const hourAgo = new Date(Date.now() - 3_600_000);
	const setup = { by: 'system', now: new Date(Date.now() - 2 * 86_400_000) };
	putMember(doc, { id: 'zoe', name: 'Zoe Wang', role: 'sales', color: '#2563eb' }, setup);
	putMember(doc, { id: 'amy', name: 'Amy Chen', role: 'sales', color: '#db2777' }, setup);
	putMember(doc, { id: 'bo', name: 'Bo Li', role: 'ops', color: '#0d9488' }, setup);
	const card = (id: string, title: string, stageId: string, owners: Record<string, string>) =>
		createCard(doc, { id, title, stageId, value: 12_000, ...owners }, setup);
	card('acme', 'Acme Trading', 'proposal', { salesOwner: 'amy' });
	card('globex', 'Globex', 'lead', { salesOwner: 'amy' });
	card('initech', 'Initech', 'negotiation', { salesOwner: 'zoe', opsOwner: 'bo' });
	card('hooli', 'Hooli', 'qualified', { salesOwner: 'zoe' });
	card('umbrella', 'Umbrella', 'active', { opsOwner: 'bo' });
	moveCard(doc, 'acme', { stageId: 'negotiation' }, { by: 'amy', now: hourAgo });
	moveCard(doc, 'hooli', { stageId: 'lost' }, { by: 'zoe', now: hourAgo });
	moveCard(doc, 'initech', { stageId: 'won' }, { by: 'zoe', now: hourAgo });
	moveCard(doc, 'initech', { stageId: 'onboarding' }, { by: 'bo', now: hourAgo });
	follower = await openStandup();
	presenter = await openStandup();
}, 180_000);

afterAll(async () => {
	client?.destroy();
	for (const context of contexts) await context.close();
	await browser?.close();
	await server?.dispose();
});

describe('stand-up', () => {
	it('lists people in speaking order', async () => {
		const order = presenter.locator('[data-start]');
		await order.waitFor();
		const people = await presenter
			.locator('ol [data-person]')
			.evaluateAll((items) => items.map((item) => item.getAttribute('data-person')));
		expect(people).toEqual(['amy', 'zoe', 'bo']);
		const since = await presenter.locator('[data-since]').getAttribute('data-since');
		expect(Date.now() - Date.parse(since ?? '')).toBeGreaterThan(86_000_000);
	});

	it('follower tracks the presenter', async () => {
		await presenter.locator('[data-minutes]').selectOption('3');
		await presenter.locator('[data-start]').click();
		await showsPerson(presenter, 'amy');
		await expect(presenter.locator('[data-countdown]').textContent()).resolves.toMatch(
			/^(3:00|2:5\d)$/
		);
		await expect(presenter.locator('.countdown').getAttribute('data-phase')).resolves.toBe(
			'running'
		);
		await showsPerson(follower, 'amy');
		await expect(follower.locator('[data-presenter]').textContent()).resolves.toMatch(
			/is presenting/
		);

		await presenter.keyboard.press('ArrowRight');
		await showsPerson(presenter, 'zoe');
		await showsPerson(follower, 'zoe');
		await expect(follower.locator('[data-countdown]').textContent()).resolves.toMatch(
			/^(3:00|2:5\d)$/
		);
		await expect(follower.locator('[data-position]').getAttribute('data-position')).resolves.toBe(
			'2'
		);
	});

	it('shows cards by stage and changes', async () => {
		const person = follower.locator('[data-person="zoe"]');
		await expect(
			person
				.locator('[data-stage]')
				.evaluateAll((groups) => groups.map((g) => g.getAttribute('data-stage')))
		).resolves.toEqual(['lost', 'onboarding']);
		const kinds = await person
			.locator('[data-changes] li')
			.evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
		expect(kinds.sort()).toEqual(['handoff', 'lost', 'won']);
	});

	it('unfollowed view stays put', async () => {
		await follower.locator('[data-follow]').uncheck();
		await presenter.locator('[data-next]').click();
		await showsPerson(presenter, 'bo');
		await expect(currentPerson(follower)).resolves.toBe('zoe');
		await expect(follower.locator('[data-countdown]').count()).resolves.toBe(0);

		await follower.locator('[data-follow]').check();
		await showsPerson(follower, 'bo');
		await presenter.locator('[data-previous]').click();
		await showsPerson(follower, 'zoe');
	});

	it('saves screenshots of both views', async () => {
		await presenter.screenshot({ path: `${SHOTS}/standup-presenter-en-light.png` });
		await follower.screenshot({ path: `${SHOTS}/standup-follower-en-light.png` });
		for (const [locale, theme] of [
			['zh', 'dark'],
			['zh', 'light'],
			['en', 'dark']
		] as const) {
			const other = await openStandup({ locale, theme });
			await showsPerson(other, 'zoe');
			await other.screenshot({ path: `${SHOTS}/standup-follower-${locale}-${theme}.png` });
			await other.context().close();
			contexts.splice(contexts.indexOf(other.context()), 1);
		}
		// A reload keeps the stand-up of this tab, in the new language and theme.
		await presenter.evaluate(() => {
			localStorage.setItem('tandem.locale', 'zh');
			localStorage.setItem('tandem.theme', 'dark');
		});
		await presenter.reload();
		await showsPerson(presenter, 'zoe');
		await presenter.locator('[data-end]').waitFor();
		await presenter.screenshot({ path: `${SHOTS}/standup-presenter-zh-dark.png` });
		await presenter.evaluate(() => {
			localStorage.setItem('tandem.locale', 'en');
			localStorage.setItem('tandem.theme', 'light');
		});
		await presenter.reload();
		await showsPerson(presenter, 'zoe');
	});

	it('ending records the stand-up', async () => {
		await presenter.locator('[data-end]').click();
		await presenter.locator('[data-start]').waitFor();
		await waitUntil(() => readStandups(client.doc).length === 1, 'the stand-up is recorded');
		const [record] = readStandups(client.doc);
		expect(record.people).toEqual(['amy', 'zoe']);
		expect(Date.parse(record.endedAt)).toBeGreaterThanOrEqual(Date.parse(record.startedAt));
		await follower.locator('.page[data-mode="idle"]').waitFor();

		await presenter.locator('[data-start]').click();
		await showsPerson(presenter, 'amy');
		await expect(presenter.locator('[data-since]').getAttribute('data-since')).resolves.toBe(
			record.endedAt
		);
		await presenter.locator('[data-no-changes]').waitFor();
		await showsPerson(follower, 'amy');
		await expect(follower.locator('[data-since]').getAttribute('data-since')).resolves.toBe(
			record.endedAt
		);
	});

	it('follower sees a pause', async () => {
		await presenter.close();
		await follower.locator('.page[data-mode="paused"]').waitFor();
		await expect(follower.locator('[data-presenter]').textContent()).resolves.toMatch(/paused/);
		await expect(currentPerson(follower)).resolves.toBe('amy');
		expect(errors).toEqual([]);
	});
});
