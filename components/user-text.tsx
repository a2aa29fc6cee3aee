import { useState } from 'preact/hooks';
import { linkPieces } from '../lib/ui/links';
import {
  BODY_CAP,
  BODY_CEILING,
  capText,
  collapseText,
  LINE_CAP,
  quotableText,
  showBidiControls,
  TITLE_CAP,
} from '../lib/ui/user-text';

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
  return (
    <bdi dir="auto" class={className} title={shown.capped ? capText(readable, TITLE_CAP).text : undefined}>
      {shown.text}
    </bdi>
  );
}

/** A name or address from Kustomer as plain text (for labels and sentences): bounded, controls visible. */
export function identityText(text: string, cap = LINE_CAP): string {
  return capText(showBidiControls(text), cap).text;
}

/**
 * A note or message body: its own paragraph with its own direction, the first `cap` characters (and `lines` lines)
 * and a "Show more" toggle; even expanded it stops at `BODY_CEILING` and says how much it left out. Web addresses
 * become safe links (`linkPieces`: http(s) only, new tab, no opener); everything else stays text.
 */
export function LongText({
  text,
  class: className = 'pre-wrap',
  cap = BODY_CAP,
  lines,
}: {
  text: string;
  class?: string;
  cap?: number;
  lines?: number;
}) {
  const [open, setOpen] = useState(false);
  const collapsed = collapseText(text, cap, lines);
  const shown = open ? capText(text, BODY_CEILING) : collapsed;
  const left = open && shown.capped ? text.length - (shown.text.length - 1) : 0;
  return (
    <>
      <p class={className} dir="auto">
        {linkPieces(shown.text).map((piece, index) =>
          piece.href ? (
            <a key={index} href={piece.href} title={piece.href} target="_blank" rel="noopener noreferrer">
              {piece.text}
            </a>
          ) : (
            piece.text
          ),
        )}
      </p>
      {left > 0 && <p class="hint">{left.toLocaleString('en')} more characters are not shown; open it in Kustomer.</p>}
      {collapsed.capped && (
        <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Show less' : 'Show more'}
        </button>
      )}
    </>
  );
}

/** Kustomer's own words about an error: quoted, one line, URLs defanged, never a link or our instruction. */
export function KustomerSaid({ detail }: { detail: string | undefined }) {
  if (!detail?.trim()) return null;
  return (
    <p class="kustomer-said">
      Kustomer said:{' '}
      <q class="quoted">
        “<bdi dir="auto">{quotableText(detail)}</bdi>”
      </q>
    </p>
  );
}
