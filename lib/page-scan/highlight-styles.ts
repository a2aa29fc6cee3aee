/** Names of the two CSS highlights the page gets (`CSS.highlights`). */
export const KNOWN_HIGHLIGHT = 'kustomer-known';
export const UNKNOWN_HIGHLIGHT = 'kustomer-unknown';

/** How a known customer and an unknown address look; ::highlight() allows colours and decorations only. */
export const HIGHLIGHT_CSS = `::highlight(${KNOWN_HIGHLIGHT}){background-color:#1a7f3729;text-decoration:underline 2px #1a7f37;text-underline-offset:3px}
::highlight(${UNKNOWN_HIGHLIGHT}){text-decoration:underline dotted 2px #9a6700;text-underline-offset:3px}`;
