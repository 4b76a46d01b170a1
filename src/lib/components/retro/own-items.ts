/**
 * Items this browser wrote in an anonymous retrospective. The document keeps no author for them,
 * so the list in `localStorage` is what lets their writer, and only in this browser, edit them.
 */
const PREFIX = 'tandem.retro.own.';

export function readOwnItems(retroId: string): Set<string> {
	const stored = localStorage.getItem(PREFIX + retroId);
	if (!stored) return new Set();
	const parsed: unknown = JSON.parse(stored);
	return new Set(Array.isArray(parsed) ? parsed.filter((id) => typeof id === 'string') : []);
}

export function rememberOwnItem(retroId: string, itemId: string): void {
	const own = readOwnItems(retroId);
	own.add(itemId);
	localStorage.setItem(PREFIX + retroId, JSON.stringify([...own]));
}
