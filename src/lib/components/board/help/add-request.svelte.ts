/** A request, from the `n` shortcut, that one column open its form for a new card. */
export class AddCardRequest {
	/** The stage whose column should open its form; the column sets it back to null. */
	stageId = $state<string | null>(null);
}
