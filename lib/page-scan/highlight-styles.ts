/**
 * Name of the one CSS highlight the page gets (`CSS.highlights`). It holds every detected address, known
 * customer or not: the page's own scripts can read it, and must learn nothing they did not already know.
 */
export const EMAIL_HIGHLIGHT = 'kustomer-email';

// Both colours contrast at least 4:1 with white and with black (#9a6700: 4.9 and 4.3; #1a7f37: 5.1 and 4.1),
// so the marks stay legible on light and dark pages; dotted versus boxed keeps them apart without colour.

/** Every address: a dotted amber underline (::highlight() allows colours and decorations only). */
export const HIGHLIGHT_CSS = `::highlight(${EMAIL_HIGHLIGHT}){text-decoration:underline dotted 2px #9a6700;text-underline-offset:3px}`;

/**
 * The closed overlay that boxes every address and tints known customers' (`.k`); unknown boxes paint nothing
 * but are there all the same. Its host is a fixed 0×0 box that ignores the pointer, with
 * `!important` rules that outrank anything the page says about it (important rules of a shadow tree win over
 * the outer page's). Marks are fixed too, so they never add to the host's scrollable overflow (`scrollWidth`).
 * `top`/`left` rather than `inset: 0`: `all` keeps `direction`, and on a right-to-left page an over-constrained
 * box would drop `left` and sit at the right edge.
 */
export const OVERLAY_CSS = `:host{all:initial!important;position:absolute!important;top:0!important;left:0!important;width:0!important;height:0!important;contain:size layout style!important;pointer-events:none!important;z-index:2147483647!important}
.l{position:absolute;top:0;left:0;width:0;height:0;contain:size layout style}.l>div{position:absolute;box-sizing:border-box;border-radius:2px}.k{background:#1a7f3733;border-bottom:2px solid #1a7f37}
@media print{:host{display:none!important}}`;
