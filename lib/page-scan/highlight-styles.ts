// Both colours contrast at least 4:1 with white and with black (#9a6700: 4.9 and 4.3; #1a7f37: 5.1 and 4.1),
// so the marks stay legible on light and dark pages; dotted versus solid and tinted keeps them apart without colour.

/**
 * The closed overlay that marks every address: a dotted amber underline on every box, and for known customers
 * (`.k`) a green tint with a solid green underline. Its host is a 0×0 box at the document's origin that ignores
 * the pointer, with `!important` rules that outrank anything the page says about it (important rules of a shadow
 * tree win over the outer page's). `z-index: 0`, last in tree order: the boxes paint over the page's text and
 * its unstacked positioned elements, and under anything the page stacks above them (a sticky header, a menu, a
 * dialog with a positive z-index), so occlusion costs no hit test. The boxes' layer is contained, so they never add to the host's scrollable
 * overflow (`scrollWidth`). `top`/`left` rather than `inset: 0`: `all` keeps `direction`, and on a right-to-left
 * page an over-constrained box would drop `left` and sit at the right edge.
 */
export const OVERLAY_CSS = `:host{all:initial!important;position:absolute!important;top:0!important;left:0!important;width:0!important;height:0!important;contain:size layout style!important;pointer-events:none!important;z-index:0!important}
.l{position:absolute;top:0;left:0;width:0;height:0;contain:size layout style}.l>div{position:absolute;box-sizing:border-box;border-bottom:2px dotted #9a6700;border-radius:2px}.k{background:#1a7f3733;border-bottom:2px solid #1a7f37}
@media print{:host{display:none!important}}`;
