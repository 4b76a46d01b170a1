/**
 * A budget for repeated log lines: at most `perWindow` lines per window, so a client (or many)
 * sending bad frames cannot flood the log. Lines over the budget are counted, and the first
 * line of the next window reports how many were left out.
 */
export class LogBudget {
	private windowStart = Number.NEGATIVE_INFINITY;
	private used = 0;
	private suppressed = 0;

	constructor(
		private readonly perWindow = 20,
		private readonly windowMs = 10_000,
		private readonly now: () => number = Date.now
	) {}

	/**
	 * Returns whether a line may be logged now and, when it may, how many lines were left out
	 * since the last one logged.
	 */
	take(): { allowed: boolean; suppressed: number } {
		const now = this.now();
		if (now - this.windowStart >= this.windowMs) {
			this.windowStart = now;
			this.used = 0;
		}
		if (this.used >= this.perWindow) {
			this.suppressed += 1;
			return { allowed: false, suppressed: 0 };
		}
		this.used += 1;
		const suppressed = this.suppressed;
		this.suppressed = 0;
		return { allowed: true, suppressed };
	}
}
