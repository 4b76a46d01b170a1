import { describe, expect, it } from 'vitest';
import { LogBudget } from '../../server/log-budget';

describe('LogBudget', () => {
	it('allows lines up to the budget', () => {
		let now = 0;
		const budget = new LogBudget(3, 1_000, () => now);
		const allowed = Array.from({ length: 5 }, () => budget.take().allowed);
		expect(allowed).toEqual([true, true, true, false, false]);
		now = 500;
		expect(budget.take().allowed).toBe(false);
	});

	it('reports lines left out in the next window', () => {
		let now = 0;
		const budget = new LogBudget(2, 1_000, () => now);
		budget.take();
		budget.take();
		budget.take();
		budget.take();
		now = 1_000;
		expect(budget.take()).toEqual({ allowed: true, suppressed: 2 });
		expect(budget.take()).toEqual({ allowed: true, suppressed: 0 });
	});
});
