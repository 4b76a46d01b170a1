/** Summary statistics over lists of durations. */

/** A duration in days summarised over a set of cards; the fields are null when the set is empty. */
export interface DayStats {
	median: number | null;
	/** 25th percentile; half of the durations lie between `p25` and `p75`. */
	p25: number | null;
	/** 75th percentile. */
	p75: number | null;
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

/**
 * Returns the `p` quantile (0 to 1) of values sorted in ascending order, interpolating linearly
 * between the two nearest ranks, so the 0.5 quantile equals the median. Null when empty.
 */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number | null {
	if (sorted.length === 0) return null;
	const rank = (sorted.length - 1) * p;
	const low = Math.floor(rank);
	const high = Math.min(low + 1, sorted.length - 1);
	return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
}

/** Returns the median, quartiles, mean and count of `values`. */
export function dayStats(values: readonly number[]): DayStats {
	const sorted = Float64Array.from(values).sort();
	return {
		median: median(values),
		p25: sortedQuantile(sorted, 0.25),
		p75: sortedQuantile(sorted, 0.75),
		mean: mean(values),
		count: values.length
	};
}
