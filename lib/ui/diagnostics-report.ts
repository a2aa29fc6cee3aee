import type { ConnectionStatus, DiagnosticEvent, Settings } from '../messaging/model';

/** What a support report says about where it came from; nothing that names the agent or a customer. */
export interface ReportContext {
  extensionVersion: string;
  userAgent: string;
  connection: ConnectionStatus | null;
  settings: Settings | null;
  /** Epoch ms the report was made. */
  now: number;
}

/** "Chrome 131.0.6778.85" from a user agent (Edge and Opera say theirs after Chrome's; tests run HeadlessChrome). */
export function browserVersion(userAgent: string): string {
  const match = /\b(Edg|OPR|HeadlessChrome|Chrome|Chromium|Firefox)\/([\d.]+)/g;
  const found = [...userAgent.matchAll(match)].map(
    ([, name, version]) => `${name === 'Edg' ? 'Edge' : name} ${version}`,
  );
  return found.at(-1) ?? 'unknown browser';
}

function connectionLine(status: ConnectionStatus | null): string {
  if (!status) return 'unknown';
  if (status.state === 'disconnected') return status.state;
  const target = status.target;
  // The region says which Kustomer answered; an organisation's name or a custom URL is left out.
  const where = target.kind === 'region' ? `region ${target.region}` : `${target.kind} host`;
  return [status.state, status.method, where].filter(Boolean).join(', ');
}

function settingsLine(settings: Settings | null): string {
  if (!settings) return 'unknown';
  return [
    `detection ${settings.paused ? 'paused' : 'on'}`,
    `${settings.enabledSites.length} enabled site(s)`,
    `${settings.neverLookUpDomains.length} never-look-up domain(s)`,
    `OAuth client ${settings.oauthClientId ? 'set' : 'none'}`,
  ].join(', ');
}

/** One event as a line: time, area, operation, kind, status, count and message. */
export function eventLine(event: DiagnosticEvent): string {
  const facts = [
    new Date(event.at).toISOString(),
    event.area,
    event.operation,
    event.kind,
    event.status,
    event.reason,
    event.host,
    event.count ? `×${event.count}` : undefined,
  ].filter((fact) => fact !== undefined && fact !== '');
  return `${facts.join(' | ')} | ${event.message}`;
}

/**
 * The text "Copy report" puts on the clipboard. The events are the background's (already without secrets);
 * the context adds versions, the connection's kind and the settings as counts: no key, token, organisation,
 * user, address, site or note.
 */
export function diagnosticsReport(events: readonly DiagnosticEvent[], context: ReportContext): string {
  return [
    'Kustomer Sidebar diagnostics',
    `Made: ${new Date(context.now).toISOString()}`,
    `Extension: ${context.extensionVersion}`,
    `Browser: ${browserVersion(context.userAgent)}`,
    `Connection: ${connectionLine(context.connection)}`,
    `Settings: ${settingsLine(context.settings)}`,
    `Events (${events.length}, oldest first):`,
    ...(events.length > 0 ? events.map(eventLine) : ['none']),
  ].join('\n');
}
