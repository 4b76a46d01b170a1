/** Conversions between stored target values and the numbers the targets form shows. */
import { formatNumber } from '$lib/i18n/index.svelte';
import type { TargetSpec } from '$lib/kpi/targets';
import { formatDays, formatRate, NO_VALUE } from '../format';

/** Converts a stored value to the form's unit: rates as percent, the rest unchanged. */
export function toInput(spec: TargetSpec, value: number): number {
	return spec.unit === 'rate' ? Math.round(value * 1000) / 10 : value;
}

/** Converts a number typed in the form back to the stored unit. */
export function fromInput(spec: TargetSpec, value: number): number {
	return spec.unit === 'rate' ? value / 100 : value;
}

/** Formats a KPI value or target for display in the KPI's unit. */
export function formatTargetValue(spec: TargetSpec, value: number | null | undefined): string {
	if (value === null || value === undefined) return NO_VALUE;
	if (spec.unit === 'rate') return formatRate(value);
	if (spec.unit === 'days') return formatDays(value);
	return formatNumber(value, { maximumFractionDigits: 1 });
}
