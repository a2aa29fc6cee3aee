import { Fragment } from 'preact';
import { t } from '../lib/i18n/t';
import { capText, LINE_CAP, quotableText, showBidiControls, TITLE_CAP, wrapParts } from '../lib/ui/user-text';

/**
 * One value from Kustomer on one line (name, address, subject, attribute, company, title): isolated from
 * the text around it (`<bdi dir="auto">`, so its direction cannot reorder our labels), shortened to `cap`
 * characters with the longer value in the tooltip. Names and addresses (`identity`) show their bidi
 * controls as visible marks instead of obeying them.
 */
export function UserText({
  text,
  cap = LINE_CAP,
  identity = false,
  class: className,
}: {
  text: string;
  cap?: number;
  identity?: boolean;
  class?: string;
}) {
  const readable = identity ? showBidiControls(text) : text;
  const shown = capText(readable, cap);
  // A name or address keeps its whole value on hover, wherever the panel wraps or shortens it.
  const title = shown.capped || identity ? capText(readable, TITLE_CAP).text : undefined;
  return (
    <bdi dir="auto" class={className} title={title}>
      {identity ? <Wrapped text={shown.text} /> : shown.text}
    </bdi>
  );
}

/**
 * An address that wraps after its `@` or before a dot: each part is a unit, broken inside only if too wide.
 * Screen readers and text search get the value whole, as one text node; the pieces are for the eye only.
 */
function Wrapped({ text }: { text: string }) {
  const parts = wrapParts(text);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      <span class="visually-hidden">{text}</span>
      {parts.map((pieces, index) => (
        <span key={index} class="wrap-part" aria-hidden="true">
          {pieces.map((piece, at) => (
            <Fragment key={at}>
              {at > 0 && <wbr />}
              {piece}
            </Fragment>
          ))}
        </span>
      ))}
    </>
  );
}

/** A name or address from Kustomer as plain text (for labels and sentences): bounded, controls visible. */
export function identityText(text: string, cap = LINE_CAP): string {
  return capText(showBidiControls(text), cap).text;
}

/** Kustomer's own words about an error: quoted, one line, URLs defanged, never a link or our instruction. */
export function KustomerSaid({ detail }: { detail: string | undefined }) {
  if (!detail?.trim()) return null;
  return (
    <p class="kustomer-said">
      {t('common.kustomerSaid')}{' '}
      <q class="quoted">
        “<bdi dir="auto">{quotableText(detail)}</bdi>”
      </q>
    </p>
  );
}
