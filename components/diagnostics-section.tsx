import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
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
    return 'unknown';
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
        {event.status !== undefined && <span class="badge">HTTP {event.status}</span>}
        {event.count !== undefined && <span class="badge">{event.count} times</span>}
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
        setMessage('Report copied. It holds no key, token, customer or note.');
      } catch {
        setMessage('Copying was not allowed: select the report below and copy it.');
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
      setMessage('Diagnostics cleared.');
    } catch (caught) {
      setError(errorInfoOf(caught));
    }
  };

  return (
    <section aria-labelledby="diagnostics-title" class="section">
      <h2 id="diagnostics-title">Diagnostics</h2>
      <p class="hint" id="diagnostics-hint">
        Failures the extension recovered from or could not show you, newest first (the last 200, until the browser
        closes). They never hold your key, a token, a customer's details or what you typed.
      </p>
      <div class="row">
        <button type="button" onClick={events.reload} aria-describedby="diagnostics-hint">
          Refresh
        </button>
        <button type="button" onClick={copyReport}>
          Copy report
        </button>
        <button type="button" onClick={clear}>
          Clear diagnostics
        </button>
      </div>
      <div aria-live="polite" role="status">
        {message && <p class="ok">{message}</p>}
      </div>
      {error && <ErrorNotice error={error} />}
      {events.status === 'loading' && !events.data && <Skeleton label="Reading diagnostics…" lines={2} />}
      {events.status === 'error' && <ErrorNotice error={events.error} onRetry={events.reload} />}
      {events.data &&
        (events.data.length === 0 ? (
          <p>No failures recorded.</p>
        ) : (
          <ol class="cards" aria-label="Recent failures">
            {events.data.map((event, index) => <EventItem key={`${event.at}-${index}`} event={event} />).reverse()}
          </ol>
        ))}
      {report && (
        <div class="stack">
          <label for="diagnostics-report">Report</label>
          <textarea id="diagnostics-report" readOnly rows={8} value={report} />
        </div>
      )}
    </section>
  );
}
