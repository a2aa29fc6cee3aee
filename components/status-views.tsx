import type { ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import type { ErrorInfo } from '../lib/messaging/model';
import { connectionOf } from '../lib/ui/connection-store';
import { errorSentence } from '../lib/ui/error-words';
import { initials as initialsOf, secondsLeft, timeLabel } from '../lib/ui/format';
import { ReconnectContext } from './router-context';
import { KustomerSaid } from './user-text';

/** Grey placeholder lines while something loads; announced once as "Loading …". */
export function Skeleton({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <div class="skeleton" role="status" aria-live="polite">
      <span class="visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, index) => (
        <div key={index} class="skeleton-line" style={{ width: `${90 - ((index * 17) % 40)}%` }} aria-hidden="true" />
      ))}
    </div>
  );
}

/** A friendly empty screen that offers the next action. */
export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <p class="empty-title">{title}</p>
      {children}
    </div>
  );
}

const TITLES = {
  unauthorized: 'error.title.unauthorized',
  forbidden: 'error.title.forbidden',
  not_found: 'error.title.notFound',
  validation: 'error.title.validation',
  rate_limited: 'error.title.rateLimited',
  network: 'error.title.network',
  timeout: 'error.title.timeout',
  not_connected: 'error.title.notConnected',
  server: 'error.title.server',
  invalid_message: 'error.title.invalidMessage',
  refused: 'error.title.refused',
} as const satisfies Partial<Record<ErrorInfo['kind'], string>>;

/** Title of an error for the agent. */
export function errorTitle(error: ErrorInfo): string {
  return t(
    (TITLES as Partial<Record<ErrorInfo['kind'], (typeof TITLES)[keyof typeof TITLES]>>)[error.kind] ??
      'error.title.unknown',
  );
}

/**
 * An inline error with a Retry button. For a rate limit it counts down `retryAfterMs` and retries by
 * itself when the time is up.
 */
export function ErrorNotice({ error, onRetry }: { error: ErrorInfo; onRetry?: () => void }) {
  const [until] = useState(() => (error.retryAfterMs ? Date.now() + error.retryAfterMs : 0));
  const [left, setLeft] = useState(() => secondsLeft(until));
  useEffect(() => {
    if (until === 0) return undefined;
    const timer = setInterval(() => {
      const seconds = secondsLeft(until);
      setLeft(seconds);
      if (seconds === 0) {
        clearInterval(timer);
        onRetry?.();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [until, onRetry]);
  const waiting = error.kind === 'rate_limited' && left > 0;
  const reconnect = useContext(ReconnectContext);
  // Kustomer refused one organisation's credential: its reconnect form, in the panel, is one step away.
  const refused = error.kind === 'unauthorized' ? connectionOf(error.connectionId) : undefined;
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">{errorTitle(error)}</p>
      <p>{errorSentence(error)}</p>
      <KustomerSaid detail={error.detail} />
      {waiting && <p class="countdown">{t('error.retryingIn', { seconds: left })}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry} disabled={waiting}>
          {t('common.retry')}
        </button>
      )}
      {reconnect && refused && (
        <button type="button" onClick={() => reconnect(refused.id)}>
          {t('orgs.list.reconnectFor', { label: refused.label })}
        </button>
      )}
    </div>
  );
}

/**
 * The `<time>` of an event: relative within a week, the date past it (`timeLabel`), and the exact local date and
 * time on hover (`title`), on keyboard focus (shown beside it) and for screen readers.
 */
export function TimeText({
  iso,
  prefix = '',
  focusable = true,
}: {
  iso?: string | number;
  prefix?: string;
  /** False inside a button or link, which cannot hold another focus stop. */
  focusable?: boolean;
}) {
  const label = timeLabel(iso);
  if (!label || iso === undefined) return null;
  const dateTime = typeof iso === 'number' ? new Date(iso).toISOString() : iso;
  return (
    <time dateTime={dateTime} title={label.exact} tabIndex={focusable ? 0 : undefined} class="time-text">
      {prefix}
      {label.text}
      <span class="time-exact">{` (${label.exact})`}</span>
    </time>
  );
}

/** Initials in a circle; decorative (the name is next to it). */
export function Avatar({ name }: { name: string }) {
  return (
    <span class="avatar" aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
