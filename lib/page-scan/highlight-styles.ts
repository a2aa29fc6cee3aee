/** Names of the two CSS highlights the page gets (`CSS.highlights`). */
export const KNOWN_HIGHLIGHT = 'kustomer-known';
export const UNKNOWN_HIGHLIGHT = 'kustomer-unknown';

/** How a known customer and an unknown address look; ::highlight() allows colours and decorations only. */
export const HIGHLIGHT_CSS = `
::highlight(${KNOWN_HIGHLIGHT}) {
  background-color: rgba(26, 127, 55, 0.16);
  text-decoration: underline solid 2px #1a7f37;
  text-underline-offset: 3px;
}
::highlight(${UNKNOWN_HIGHLIGHT}) {
  text-decoration: underline dotted 2px #9a6700;
  text-underline-offset: 3px;
}
`;

/** Fallback markers, inside a closed shadow root so the page's CSS cannot restyle them. */
export const MARKER_CSS = `
:host { all: initial; }
button {
  position: absolute;
  pointer-events: auto;
  width: 14px;
  height: 14px;
  padding: 0;
  border: 1px solid #ffffff;
  border-radius: 7px;
  font: 700 9px/12px system-ui, sans-serif;
  color: #ffffff;
  background: #9a6700;
  cursor: pointer;
}
button[data-known] { background: #1a7f37; }
button:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
`;
