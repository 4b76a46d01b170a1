/** KPI derivation from a board snapshot: pure functions shared by the browser and the server. */
export { deriveKpis, deriveCardFacts, aggregateKpis } from './derive';
export { resolveOptions, KpiOptionError, type KpiOptions, type KpiFilter } from './options';
export type { CardFacts } from './facts';
export type { Outcome } from './outcome';
export type {
	Kpis,
	DayStats,
	MonthTotal,
	OwnerCount,
	RetentionMonth,
	StageCount,
	WipBreach
} from './types';
export { IncrementalKpis, type IncrementalOptions } from './incremental';
export { changesSince, type BoardChange, type ChangeKind } from './changes';
export { changesStart, type ChangesStart } from './since';
