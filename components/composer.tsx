import { plural } from '../lib/i18n/t';
import { MAX_NOTE_LENGTH } from '../lib/messaging/limits';

/*
 * What every composer shares (note, message, quick note, note edit): the save shortcut, the length check
 * against Kustomer's limit, its counter and the save button it blocks. Its own module, so no form imports
 * a sibling form (issue 19).
 */

/** Whether a key event is Ctrl+Enter or Cmd+Enter (save). */
export function isSaveShortcut(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey);
}

/** A keydown handler that saves on Ctrl+Enter or Cmd+Enter instead of adding a line. */
export const saveOnShortcut = (save: () => Promise<void>) => (event: KeyboardEvent) => {
  if (!isSaveShortcut(event)) return;
  event.preventDefault();
  void save();
};

/** A form's submit handler that saves in place instead of navigating. */
export const saveOnSubmit = (save: () => Promise<void>) => (event: Event) => {
  event.preventDefault();
  void save();
};

/** Share of the limit left below which the counter speaks up (the last 10 %); further away it stays quiet. */
const NEAR_LIMIT_SHARE = 0.1;

/** What a composer's length counter says about a text, against Kustomer's limit. */
export interface LengthCheck {
  /** Whether the text is longer than the limit (it cannot be saved as it is). */
  over: boolean;
  /** Empty far from the limit, then "N characters left", then "N characters over the limit". */
  message: string;
}

/**
 * Checks the text as it will be sent against `max` (by default Kustomer's limit on a note body and a
 * message preview). Counted as the outbox's validator counts it: trimmed, in UTF-16 code units, so the
 * counter and the refusal on save never disagree.
 */
export function checkLength(sent: string, max: number = MAX_NOTE_LENGTH): LengthCheck {
  const left = max - sent.trim().length;
  if (left < 0) return { over: true, message: plural('panel.composer.charactersOver', -left) };
  return { over: false, message: left <= max * NEAR_LIMIT_SHARE ? plural('panel.composer.charactersLeft', left) : '' };
}

/**
 * The counter under a composer field. It is a polite live region that stays in the page while empty, so a
 * screen reader hears it only once the text nears the limit, never on each keystroke far from it.
 */
export function LengthCounter({ id, check }: { id: string; check: LengthCheck }) {
  return (
    <p id={id} class={check.over ? 'length-counter over' : 'length-counter'} aria-live="polite" aria-atomic="true">
      {check.message}
    </p>
  );
}

/**
 * A composer's save button: disabled while `blocked` (empty, busy, no target) or while the text is over the
 * limit, and then described by the counter, so a screen reader says why it cannot be pressed.
 */
export function ComposerSubmit({
  label,
  blocked,
  check,
  counterId,
}: {
  label: string;
  blocked: boolean;
  check: LengthCheck;
  counterId: string;
}) {
  return (
    <button
      type="submit"
      class="primary"
      disabled={blocked || check.over}
      aria-describedby={check.over ? counterId : undefined}
    >
      {label}
    </button>
  );
}
