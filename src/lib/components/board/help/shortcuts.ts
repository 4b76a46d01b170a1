/** The board's keyboard shortcuts, as the help dialog lists them. */
export interface Shortcut {
	/** Key combinations, any of which triggers the action. */
	keys: string[];
	/** Message key of the action's description. */
	label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
	{ keys: ['N'], label: 'shortcuts.new' },
	{ keys: ['/'], label: 'shortcuts.search' },
	{ keys: ['?'], label: 'shortcuts.help' },
	{ keys: ['Ctrl+Z', '⌘Z'], label: 'shortcuts.undo' },
	{ keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], label: 'shortcuts.redo' },
	{ keys: ['Space'], label: 'shortcuts.move' },
	{ keys: ['Enter'], label: 'shortcuts.edit' },
	{ keys: ['Esc'], label: 'shortcuts.close' }
];
