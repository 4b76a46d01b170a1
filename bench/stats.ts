/** Small helpers shared by the benchmarks: timing, medians and the machine description. */
import os from 'node:os';

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `task` `runs` times and returns each duration in milliseconds. */
export async function timeRuns(runs: number, task: () => Promise<unknown> | unknown) {
	const durations: number[] = [];
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		await task();
		durations.push(performance.now() - start);
	}
	return durations;
}

export function describeMachine(): string {
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	return `${os.cpus().length} cores, ${cpu}, Node ${process.version}, load average ${os
		.loadavg()[0]
		.toFixed(2)}`;
}

export function formatMs(value: number): string {
	return `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}
