import { useState } from 'preact/hooks';
import { plural, t } from '../lib/i18n/t';
import { linkPieces } from '../lib/ui/links';
import { BODY_CAP, BODY_CEILING, capText, collapseText } from '../lib/ui/user-text';
import { safeHttpUrl } from '../lib/url';

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
            <a
              key={index}
              href={safeHttpUrl(piece.href) ?? undefined}
              title={piece.href}
              target="_blank"
              rel="noopener noreferrer"
            >
              {piece.text}
            </a>
          ) : (
            piece.text
          ),
        )}
      </p>
      {left > 0 && <p class="hint">{plural('panel.longText.more', left)}</p>}
      {collapsed.capped && (
        <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t(open ? 'panel.longText.showLess' : 'panel.longText.showMore')}
        </button>
      )}
    </>
  );
}
