/**
 * Times the KPI derivation on a board of 10,000 cards and 100,000 events: reading the snapshot
 * from the `Y.Doc` (`readBoard`) and deriving the KPIs from it (`deriveKpis`), each run several
 * times. Then it times the incremental update (`IncrementalKpis`) after one card move.
 * Prints the median, min and max of each. Run with `npx tsx bench/kpi.ts`.
 */
import * as Y from 'yjs';
import {
	boardRoots,
	cardMap,
	moveCard,
	readBoard,
	seedBoard,
	type BoardEvent
} from '../src/lib/board';
import { deriveKpis, IncrementalKpis } from '../src/lib/kpi';

const CARDS = 10_000;
const EVENTS = 100_000;
const RUNS = 9;
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);

/** Paths a card can take; each entry is a stage id, the first is where the card is created. */
const PATHS = [
	['lead', 'qualified', 'proposal', 'negotiation', 'won', 'onboarding', 'active', 'renewal'],
	['lead', 'qualified', 'proposal', 'lost'],
	['lead', 'qualified', 'proposal', 'negotiation', 'won', 'onboarding', 'active', 'churned'],
	['lead', 'qualified'],
	['lead', 'qualified', 'proposal', 'negotiation', 'proposal', 'negotiation', 'won']
];

/** A fixed-seed generator, so every run builds the same board. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

function buildBoard(): Y.Doc {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'Bench', currency: 'CNY' }, { by: 'system', now: new Date(START) });
	const next = random(42);
	const { cards, events } = boardRoots(doc);
	const log: BoardEvent[] = [];
	doc.transact(() => {
		for (let index = 0; index < CARDS; index++) {
			const id = `card${index}`;
			const path = PATHS[index % PATHS.length];
			// Spread the 100,000 events over the cards: the moves repeat the path's last two
			// stages as needed, as a card bounced between renewal and active would.
			const moves = EVENTS / CARDS - 1;
			let time = START + Math.floor(next() * 365) * DAY;
			const createdAt = new Date(time).toISOString();
			let stage = path[0];
			log.push({
				id: `e${log.length}`,
				type: 'create',
				cardId: id,
				at: createdAt,
				by: 'a',
				to: stage
			});
			for (let step = 1; step <= moves; step++) {
				const to =
					step < path.length ? path[step] : path[path.length - 1 - ((step - path.length + 1) % 2)];
				time += Math.ceil(next() * 20) * DAY;
				const at = new Date(time).toISOString();
				log.push({ id: `e${log.length}`, type: 'move', cardId: id, at, by: 'a', from: stage, to });
				stage = to;
			}
			const input = {
				title: `Customer ${index}`,
				stageId: stage,
				value: Math.round(next() * 100_000),
				createdAt,
				salesOwner: `m${index % 20}`,
				opsOwner: `m${20 + (index % 10)}`,
				dueAt: new Date(time + 30 * DAY).toISOString(),
				satisfaction: index % 3 === 0 ? 1 + (index % 5) : null
			};
			cards.set(id, cardMap(id, input, createdAt, `a${index.toString(36)}`));
		}
		events.push(log);
	});
	return doc;
}

function time<T>(run: () => T): { result: T; ms: number } {
	const start = performance.now();
	const result = run();
	return { result, ms: performance.now() - start };
}

function summary(values: number[]): string {
	const sorted = [...values].sort((a, b) => a - b);
	const median = sorted[sorted.length >> 1];
	return `median ${median.toFixed(1)} ms (min ${sorted[0].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)})`;
}

const built = time(buildBoard);
const doc = built.result;
console.log(
	`board: ${boardRoots(doc).cards.size} cards, ${boardRoots(doc).events.length} events, built in ${built.ms.toFixed(0)} ms`
);

const readTimes: number[] = [];
const deriveTimes: number[] = [];
const now = new Date(START + 400 * DAY);
for (let run = 0; run < RUNS; run++) {
	const read = time(() => readBoard(doc));
	const derived = time(() => deriveKpis(read.result, { now }));
	readTimes.push(read.ms);
	deriveTimes.push(derived.ms);
	if (run === 0) {
		const kpis = derived.result;
		console.log(
			`check: ${kpis.cardCount} cards, win rate ${kpis.winRate?.toFixed(3)}, ${kpis.wonByMonth.length} months, median cycle ${kpis.salesCycleDays.median} days`
		);
	}
}
console.log(`readBoard:  ${summary(readTimes)} over ${RUNS} runs`);
console.log(`deriveKpis: ${summary(deriveTimes)} over ${RUNS} runs`);
const totals = readTimes.map((ms, index) => ms + deriveTimes[index]);
console.log(`both:       ${summary(totals)}`);

// The incremental path: the first read builds every card's facts, then each run moves one card
// and times the read of the KPIs, which recomputes that card alone.
const incremental = new IncrementalKpis(doc);
const first = time(() => incremental.kpis(now));
const stages = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
const moveTimes: number[] = [];
for (let run = 0; run < RUNS * 3; run++) {
	const stageId = stages[run % stages.length];
	moveCard(doc, `card${run}`, { stageId }, { by: 'a', now: new Date(START + 390 * DAY) });
	moveTimes.push(time(() => incremental.kpis(now)).ms);
}
const check = deriveKpis(readBoard(doc), { now });
const after = incremental.kpis(now);
if (after.cardCount !== check.cardCount || after.wonCount !== check.wonCount) {
	throw new Error('The incremental KPIs differ from the full derivation.');
}
console.log(`incremental, first read: ${first.ms.toFixed(1)} ms`);
console.log(`incremental, one move: ${summary(moveTimes)} over ${moveTimes.length} runs`);
const full = [...totals].sort((a, b) => a - b)[totals.length >> 1];
const one = [...moveTimes].sort((a, b) => a - b)[moveTimes.length >> 1];
console.log(`ratio, full / one move: ${(full / one).toFixed(0)}x`);
incremental.destroy();
