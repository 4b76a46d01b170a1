/**
 * Server metrics in the Prometheus text exposition format (version 0.0.4), served at
 * `/metrics`.
 *
 * NOTE: the metrics live in one registry per process, so two servers started in one process
 * (as some tests do) add to the same counters and gauges.
 */
import type { Hono } from 'hono';

type Labels = Record<string, string>;

interface Metric {
	readonly name: string;
	readonly help: string;
	readonly type: 'counter' | 'gauge' | 'histogram';
	/** Returns the sample lines, without the HELP and TYPE lines. */
	samples(): string[];
}

function escapeLabelValue(value: string): string {
	return value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('"', '\\"');
}

function labelText(labels: Labels): string {
	const pairs = Object.entries(labels).map(([key, value]) => `${key}="${escapeLabelValue(value)}"`);
	return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

function numberText(value: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (value === Infinity) return '+Inf';
	if (value === -Infinity) return '-Inf';
	return String(value);
}

/** A value per label set that only goes up, such as frames rejected by reason. */
export class Counter implements Metric {
	readonly type = 'counter';
	private readonly values = new Map<string, { labels: Labels; value: number }>();

	constructor(
		readonly name: string,
		readonly help: string
	) {}

	inc(labels: Labels = {}, amount = 1): void {
		const key = labelText(labels);
		const entry = this.values.get(key);
		if (entry) entry.value += amount;
		else this.values.set(key, { labels, value: amount });
	}

	/** Returns the current value for `labels`, 0 when never incremented. */
	get(labels: Labels = {}): number {
		return this.values.get(labelText(labels))?.value ?? 0;
	}

	samples(): string[] {
		if (this.values.size === 0) return [`${this.name} 0`];
		return [...this.values.values()].map(
			({ labels, value }) => `${this.name}${labelText(labels)} ${numberText(value)}`
		);
	}
}

/** A value that goes up and down, either set by the code or read when the metrics are served. */
export class Gauge implements Metric {
	readonly type = 'gauge';
	private value = 0;

	constructor(
		readonly name: string,
		readonly help: string,
		private readonly read?: () => number
	) {}

	inc(amount = 1): void {
		this.value += amount;
	}

	dec(amount = 1): void {
		this.value -= amount;
	}

	get(): number {
		return this.read ? this.read() : this.value;
	}

	samples(): string[] {
		return [`${this.name} ${numberText(this.get())}`];
	}
}

/** Counts observations into cumulative buckets by upper bound, with their sum and count. */
export class Histogram implements Metric {
	readonly type = 'histogram';
	private readonly counts: number[];
	private sum = 0;
	private count = 0;

	constructor(
		readonly name: string,
		readonly help: string,
		private readonly bounds: readonly number[]
	) {
		this.counts = bounds.map(() => 0);
	}

	observe(value: number): void {
		this.sum += value;
		this.count++;
		for (let index = 0; index < this.bounds.length; index++) {
			if (value <= this.bounds[index]) this.counts[index]++;
		}
	}

	get observations(): number {
		return this.count;
	}

	samples(): string[] {
		const lines = this.bounds.map(
			(bound, index) => `${this.name}_bucket{le="${numberText(bound)}"} ${this.counts[index]}`
		);
		lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`);
		lines.push(`${this.name}_sum ${numberText(this.sum)}`);
		lines.push(`${this.name}_count ${this.count}`);
		return lines;
	}
}

/** Upper bounds of the store write buckets, in seconds: 0.5 ms to 5 s. */
const WRITE_SECONDS_BOUNDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

export const metrics = {
	connectionsOpen: new Gauge('tandem_websocket_connections', 'Open board websocket connections.'),
	boardsLoaded: new Gauge('tandem_boards_loaded', 'Boards loaded in memory.'),
	framesReceived: new Counter(
		'tandem_frames_received_total',
		'Websocket frames received from clients.'
	),
	bytesReceived: new Counter(
		'tandem_received_bytes_total',
		'Bytes of websocket frames received from clients.'
	),
	updatesRelayed: new Counter(
		'tandem_updates_relayed_total',
		'Document updates stored and relayed to the other clients of a board.'
	),
	bytesRelayed: new Counter(
		'tandem_relayed_bytes_total',
		'Bytes of updates and awareness messages sent to clients, counted once per recipient.'
	),
	rejectedFrames: new Counter(
		'tandem_rejected_frames_total',
		'Frames that closed their connection, by reason (the close code name).'
	),
	errors: new Counter('tandem_errors_total', 'Server-side failures, by kind.'),
	storeWriteSeconds: new Histogram(
		'tandem_store_write_seconds',
		'Duration of store writes of one update or one compaction, in seconds.',
		WRITE_SECONDS_BOUNDS
	),
	residentMemory: new Gauge(
		'process_resident_memory_bytes',
		'Resident set size of the server process, in bytes.',
		() => process.memoryUsage().rss
	),
	heapUsed: new Gauge(
		'nodejs_heap_used_bytes',
		'V8 heap in use, in bytes.',
		() => process.memoryUsage().heapUsed
	),
	heapTotal: new Gauge(
		'nodejs_heap_total_bytes',
		'V8 heap allocated, in bytes.',
		() => process.memoryUsage().heapTotal
	),
	externalMemory: new Gauge(
		'nodejs_external_memory_bytes',
		'Memory of buffers and other objects outside the V8 heap, in bytes.',
		() => process.memoryUsage().external
	)
};

/** Returns every metric in the Prometheus text exposition format. */
export function renderMetrics(): string {
	const lines: string[] = [];
	for (const metric of Object.values(metrics) as Metric[]) {
		lines.push(`# HELP ${metric.name} ${metric.help}`);
		lines.push(`# TYPE ${metric.name} ${metric.type}`);
		lines.push(...metric.samples());
	}
	return `${lines.join('\n')}\n`;
}

/** Adds `GET /metrics` to an app. */
export function addMetricsRoute(app: Hono): void {
	app.get('/metrics', (c) =>
		c.body(renderMetrics(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
	);
}
