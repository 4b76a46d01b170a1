/** Fixed card geometry: every card is one height, which lets columns render only visible rows. */
export const CARD_HEIGHT = 80;
export const CARD_GAP = 8;
export const ROW_HEIGHT = CARD_HEIGHT + CARD_GAP;
/** Rows rendered above and below the visible ones, so fast scrolling shows no blank rows. */
export const OVERSCAN = 4;
/** Pointer travel, in CSS pixels, that turns a press on a card into a drag instead of a click. */
export const DRAG_THRESHOLD = 5;
/** Distance from a column's top or bottom edge, in CSS pixels, at which a drag scrolls it. */
export const AUTO_SCROLL_EDGE = 40;
