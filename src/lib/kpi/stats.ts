/** Summary statistics over lists of durations. */

/** A duration in days summarised over a set of cards; the fields are null when the set is empty. */
export interface DayStats {
	median: number | null;
	mean: number | null;
	/** How many durations the figures summarise. */
	count: number;
}

/** Returns the median of `values`; null for an empty array. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	// A typed array sorts numerically without a comparator call per pair.
	const sorted = Float64Array.from(values).sort();
	const middle = sorted.length >> 1;
	if (sorted.length % 2 === 1) return sorted[middle];
	return (sorted[middle - 1] + sorted[middle]) / 2;
}

export function mean(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	let sum = 0;
	for (const value of values) sum += value;
	return sum / values.length;
}

/** Returns the median, mean and count of `values`. */
export function dayStats(values: readonly number[]): DayStats {
	return { median: median(values), mean: mean(values), count: values.length };
}
