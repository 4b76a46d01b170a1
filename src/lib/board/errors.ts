/** A rejected board operation: the input broke a rule of the schema. `field` names the culprit. */
export class BoardError extends Error {
	constructor(
		message: string,
		readonly field?: string
	) {
		super(message);
		this.name = 'BoardError';
	}
}
