/**
 * Tracks whether an element is near the visible part of its scroll container, so a chart can hold
 * its Chart.js instance only while someone could scroll to it soon.
 */

/** Margins around the scroll container's visible box, as CSS lengths (`px` or `%` of its size). */
export interface NearnessMargins {
	/** An element closer than this becomes near. */
	enter: string;
	/** A near element stays near until it is farther than this, which must be at least `enter`. */
	leave: string;
}

/**
 * One scroll container height above and below to create, two to destroy. The gap between them
 * keeps a chart scrolled back and forth around one edge from being created and destroyed each time.
 */
export const CHART_MARGINS: NearnessMargins = { enter: '100%', leave: '200%' };

/** Returns the nearest ancestor that scrolls vertically, or null when the document scrolls. */
export function scrollContainer(element: Element): Element | null {
	for (let parent = element.parentElement; parent !== null; parent = parent.parentElement) {
		const overflow = getComputedStyle(parent).overflowY;
		if (overflow === 'auto' || overflow === 'scroll') return parent;
	}
	return null;
}

/**
 * Calls `onChange(true)` when `element` comes within `margins.enter` of its scroll container's
 * visible box and `onChange(false)` when it moves beyond `margins.leave`, including once at the
 * start when it is already there. A hidden element (`display: none`) counts as far. Returns the
 * function that stops watching.
 */
export function watchNearness(
	element: Element,
	margins: NearnessMargins,
	onChange: (near: boolean) => void
): () => void {
	// The root is the scroll container because, with the viewport as root, the container clips the
	// element before the margin applies, so the margin would have no effect.
	// Each observer watches one element, so the last entry of a batch is its current state.
	const root = scrollContainer(element);
	let near: boolean | null = null;
	const report = (next: boolean) => {
		if (next === near) return;
		near = next;
		onChange(next);
	};

	const enter = new IntersectionObserver(
		(entries) => {
			if (entries[entries.length - 1].isIntersecting) report(true);
		},
		{ root, rootMargin: `${margins.enter} 0px` }
	);
	const leave = new IntersectionObserver(
		(entries) => {
			if (!entries[entries.length - 1].isIntersecting) report(false);
		},
		{ root, rootMargin: `${margins.leave} 0px` }
	);
	enter.observe(element);
	leave.observe(element);
	return () => {
		enter.disconnect();
		leave.disconnect();
	};
}
