import { capText, LINE_CAP, quotableText, showBidiControls, TITLE_CAP } from '../lib/ui/user-text';

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
