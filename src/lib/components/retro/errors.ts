/** Runs a retrospective operation and returns its error message, or null when it succeeded. */
import { BoardError } from '$lib/board';
import { RetroError } from '$lib/retro';

export function attempt(operation: () => void): string | null {
	try {
		operation();
		return null;
	} catch (error) {
		// Rule violations are shown to the person; anything else is a bug and propagates.
		if (error instanceof RetroError || error instanceof BoardError) return error.message;
		throw error;
	}
}
