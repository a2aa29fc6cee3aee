import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { plural, t } from '../lib/i18n/t';
import { request } from '../lib/messaging/client';
import { errorInfoOf } from '../lib/messaging/errors';
import type { ConnectionStatus, DiagnosticEvent, ErrorInfo, Settings } from '../lib/messaging/model';
import { diagnosticsReport } from '../lib/ui/diagnostics-report';
import { useLoad } from './hooks/use-load';
import { ErrorNotice, Skeleton } from './status-views';

function extensionVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return t('options.diagnostics.unknownVersion');
  }
}

/** "21:04:05" for today's events, with the date for older ones. */
function shortTime(at: number): string {
  const date = new Date(at);
  return date.toDateString() === new Date().toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
}

function EventItem({ event }: { event: DiagnosticEvent }) {
  return (
    <li class="card">
      <div class="row spread">
        <strong>
          {event.area} · {event.operation}
        </strong>
        <time dateTime={new Date(event.at).toISOString()} class="hint">
          {shortTime(event.at)}
        </time>
      </div>
      <div class="chips">
        <span class="badge badge-error">{event.kind}</span>
        {event.status !== undefined && (
          <span class="badge">{t('options.diagnostics.http', { status: event.status })}</span>
        )}
        {event.count !== undefined && <span class="badge">{plural('options.diagnostics.times', event.count)}</span>}
      </div>
      <p class="pre-wrap">{event.message}</p>
    </li>
  );
}

/**
 * The background's recent failures (options page), with a report to copy for support and a way to clear
 * them. The events come without secrets or customer data (lib/background/diagnostics.ts).
 */
export function DiagnosticsSection({
  connection,
  settings,
}: {
  connection: ConnectionStatus | null;
  settings: Settings | null;
}) {
  const events = useLoad(() => request('getDiagnostics'), []);
  const [report, setReport] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);

  const copyReport = async () => {
    setError(null);
    setMessage('');
    try {
      const current = await request('getDiagnostics');
      const text = diagnosticsReport(current, {
        extensionVersion: extensionVersion(),
        userAgent: navigator.userAgent,
        connection,
        settings,
        now: Date.now(),
      });
      setReport(text);
      try {
        await navigator.clipboard.writeText(text);
        setMessage(t('options.diagnostics.copied'));
      } catch {
        setMessage(t('options.diagnostics.copyRefused'));
      }
    } catch (caught) {
      setError(errorInfoOf(caught));
    }
  };
  const clear = async () => {
    setError(null);
    setMessage('');
    try {
      await request('clearDiagnostics');
      setReport('');
      events.reload();
      setMessage(t('options.diagnostics.cleared'));
    } catch (caught) {
      setError(errorInfoOf(caught));
    }
  };

  return (
    <section aria-labelledby="diagnostics-title" class="section">
      <h2 id="diagnostics-title">{t('options.diagnostics.title')}</h2>
      <p class="hint" id="diagnostics-hint">
        {t('options.diagnostics.hint')}
      </p>
      <div class="row">
        <button type="button" onClick={events.reload} aria-describedby="diagnostics-hint">
          {t('options.diagnostics.refresh')}
        </button>
        <button type="button" onClick={copyReport}>
          {t('options.diagnostics.copy')}
        </button>
        <button type="button" onClick={clear}>
          {t('options.diagnostics.clear')}
        </button>
      </div>
      <div aria-live="polite" role="status">
        {message && <p class="ok">{message}</p>}
      </div>
      {error && <ErrorNotice error={error} />}
      {events.status === 'loading' && !events.data && <Skeleton label={t('options.diagnostics.reading')} lines={2} />}
      {events.status === 'error' && <ErrorNotice error={events.error} onRetry={events.reload} />}
      {events.data &&
        (events.data.length === 0 ? (
          <p>{t('options.diagnostics.none')}</p>
        ) : (
          <ol class="cards" aria-label={t('options.diagnostics.list')}>
            {events.data.map((event, index) => <EventItem key={`${event.at}-${index}`} event={event} />).reverse()}
          </ol>
        ))}
      {report && (
        <div class="stack">
          <label for="diagnostics-report">{t('options.diagnostics.report')}</label>
          <textarea id="diagnostics-report" readOnly rows={8} value={report} />
        </div>
      )}
    </section>
  );
}
