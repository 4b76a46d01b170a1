import type { ReportInvalid } from '$lib/board';

/**
 * Returns a reporter that logs each invalid-data message of a board once, as a browser console
 * warning: the board renders such data with defaults, and repeating the message every
 * derivation would flood the console.
 */
export function reportOnce(boardId: string): ReportInvalid {
	const reported = new Set<string>();
	return (message) => {
		if (reported.has(message)) return;
		reported.add(message);
		console.warn(`Board ${boardId}: ${message}`);
	};
}
