/** The board at an earlier moment for the KPIs; the replay itself lives with the board. */
import { replayBoard, type ReplayedBoard } from '../board/replay';

/** Returns the board at `end` (exclusive, in milliseconds), with the events before it. */
export function snapshotAsOf(snapshot: ReplayedBoard, end: number): ReplayedBoard {
	return replayBoard(snapshot, end);
}
