/**
 * How an organisation is named across the protocol (issue 18, docs/multi-org.md); apart from model.ts so that
 * the schemas and the model both use it without depending on each other.
 */

/**
 * Stable id of one connected organisation (`org-` and lower-case letters or digits). Every record read and
 * every write names the connection it belongs to.
 */
export type ConnectionId = `org-${string}`;

/**
 * The colours an agent picks from for an organisation, each with a name (the label and the name are what a
 * screen reader says; the colour is never the only sign of the org).
 */
export const CONNECTION_COLOURS = ['blue', 'orange', 'green', 'purple', 'teal', 'red', 'olive', 'grey'] as const;
export type ConnectionColour = (typeof CONNECTION_COLOURS)[number];
