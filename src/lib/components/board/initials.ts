/** Returns the one or two letters shown in a member's avatar. */
export function initials(name: string): string {
	const trimmed = name.trim();
	if (trimmed === '') return '?';
	// Chinese, Japanese and Korean names: the first character is the family name.
	if (/^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(trimmed)) return trimmed[0];
	const words = trimmed.split(/\s+/);
	const letters = words.length > 1 ? words[0][0] + words[words.length - 1][0] : words[0][0];
	return letters.toUpperCase();
}
