/** A multiset of numbers kept in ascending order, for medians that follow single changes. */
import { sortedQuantile } from './stats';

export class SortedNumbers {
	readonly #values: number[] = [];

	get count(): number {
		return this.#values.length;
	}

	add(value: number): void {
		this.#values.splice(this.#lowerBound(value), 0, value);
	}

	/** Removes one copy of `value`; throws when it is absent, since the totals would be wrong. */
	remove(value: number): void {
		const index = this.#lowerBound(value);
		if (this.#values[index] !== value) {
			throw new Error(`SortedNumbers.remove: ${value} is not in the set.`);
		}
		this.#values.splice(index, 1);
	}

	/** Returns the median (of an even count, the mean of the middle two), or null when empty. */
	median(): number | null {
		const values = this.#values;
		if (values.length === 0) return null;
		const middle = values.length >> 1;
		if (values.length % 2 === 1) return values[middle];
		return (values[middle - 1] + values[middle]) / 2;
	}

	/** Returns the `p` quantile (0 to 1), as `sortedQuantile` defines it; null when empty. */
	quantile(p: number): number | null {
		return sortedQuantile(this.#values, p);
	}

	/** Returns the mean, summed afresh so that additions and removals cannot make it drift. */
	mean(): number | null {
		if (this.#values.length === 0) return null;
		let sum = 0;
		for (const value of this.#values) sum += value;
		return sum / this.#values.length;
	}

	/** Index of the first value not below `value`. */
	#lowerBound(value: number): number {
		let low = 0;
		let high = this.#values.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (this.#values[middle] < value) low = middle + 1;
			else high = middle;
		}
		return low;
	}
}
