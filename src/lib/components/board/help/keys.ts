/** Reading board shortcuts from key presses. */

/** True when the key press happens in a field, where keys type text rather than act on the board. */
export function isTyping(event: KeyboardEvent): boolean {
	const target = event.target;
	if (!(target instanceof HTMLElement)) return false;
	if (target.isContentEditable) return true;
	return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** True for a plain key press: no Ctrl, Cmd or Alt, so the browser's own shortcuts keep working. */
export function isPlainKey(event: KeyboardEvent): boolean {
	return !event.ctrlKey && !event.metaKey && !event.altKey;
}
