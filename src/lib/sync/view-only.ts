/**
 * Keeps a document view only: every local change is reverted right after it is made, so a
 * viewer's board always shows what the server holds. The server drops a viewer's updates too.
 */
import * as Y from 'yjs';

/** A set that contains every origin, so the undo manager below captures changes from any caller. */
class EveryOrigin extends Set<unknown> {
	override has(): boolean {
		return true;
	}
}

/** Reverts each local change of `doc` as it happens; returns a function that stops it. */
export function keepViewOnly(doc: Y.Doc): () => void {
	const reverter = new Y.UndoManager(doc, {
		captureTimeout: 0,
		trackedOrigins: new EveryOrigin(),
		// Updates from the server and the local cache arrive through applyUpdate, so they are not local.
		// A transaction that changes nothing, such as the one `clear()` runs, is not captured.
		captureTransaction: (transaction) =>
			transaction.local && transaction.changedParentTypes.size > 0
	});
	reverter.on('stack-item-added', (event: { type: 'undo' | 'redo' }) => {
		// Several changes may be waiting, so all are reverted. The reverts land on the redo stack,
		// which is then cleared.
		queueMicrotask(() => {
			if (event.type === 'undo') {
				while (reverter.undoStack.length > 0) reverter.undo();
			}
			reverter.clear();
		});
	});
	return () => reverter.destroy();
}
