import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { DEFAULT_OAUTH_SCOPE } from '../lib/kustomer/oauth-scope';
import { request } from '../lib/messaging/client';
import { errorInfoOf } from '../lib/messaging/errors';
import type {
  ConnectionColour,
  ConnectionTarget,
  ErrorInfo,
  OrgConnectionStatus,
  Region,
} from '../lib/messaging/model';
import { type PanelConnection, setConnectionStatus, setConnections } from '../lib/ui/connection-store';
import { errorSentence } from '../lib/ui/error-words';
import { type ManagedSettings, useManagedSettings } from '../lib/ui/managed-settings';
import type { checkOAuthClient } from '../lib/ui/oauth-client-check';
import { tNodes } from './t-nodes';
import { KustomerSaid } from './user-text';

type Place = Region | 'org' | 'custom';

/** The choices of "Where is your Kustomer?", in order; each is named by `options.connection.place.<value>`. */
const PLACES: readonly Place[] = ['us', 'eu', 'in', 'org', 'custom'];

/**
 * The background's sentence already says what happened and what to do; this replaces it only where its
 * general words do not fit connecting, so that the notice says each thing once.
 */
const connectWords = (error: ErrorInfo): string =>
  error.kind === 'not_found' ? t('options.connection.notFound') : errorSentence(error);

/**
 * The organisation's name from what the agent typed or pasted: "acme", "https://acme.kustomerapp.com/app",
 * or its API address "https://acme.api.kustomerapp.com" all give "acme". Anything else is kept as typed.
 */
export function orgFromAddress(text: string): string {
  const value = text.trim();
  const host = /^(?:https?:\/\/)?([^/?#\s]+)/i.exec(value)?.[1]?.toLowerCase() ?? value;
  return /^([a-z0-9][a-z0-9-]{0,62})(?:\.api)?(?:\.prod\d+)?\.kustomerapp\.com\.?$/.exec(host)?.[1] ?? value;
}

function targetOf(place: Place, org: string, baseUrl: string): ConnectionTarget {
  if (place === 'org') return { kind: 'org', org: orgFromAddress(org) };
  if (place === 'custom') return { kind: 'custom', baseUrl: baseUrl.trim() };
  return { kind: 'region', region: place };
}

function placeOf(target: ConnectionTarget | undefined): Place {
  if (!target) return 'us';
  return target.kind === 'region' ? target.region : target.kind;
}

export interface ConnectFormProps {
  /** The current connection, to prefill where to connect; one that stopped working is signed in again. */
  status?: PanelConnection | null;
  /** OAuth client id of the organisation's Kustomer app (from settings; none is prefilled in the store build). */
  oauthClientId?: string;
  onConnected?: (status: OrgConnectionStatus) => void;
  /** What an admin pushed through managed storage; read from the browser when not given. */
  managed?: ManagedSettings | null;
  /** Asks Kustomer about the client ID before the auth window opens (lib/ui/oauth-client-check.ts). */
  checkClient?: typeof checkOAuthClient;
  /** Another organisation's short name and colour (options, "Add an organisation"). */
  choice?: { label?: string; colour?: ConnectionColour };
}

/** Loaded when an agent signs in with Kustomer, not for the panel's first paint. */
const signInChecks = () => import('../lib/ui/oauth-sign-in-check');

/** Where Kustomer is and how to sign in; connects through the background and explains each failure. */
export function ConnectForm(props: ConnectFormProps) {
  const pushed = useManagedSettings();
  const managed = props.managed === undefined ? pushed : props.managed;
  // Remounted when pushed values arrive, so they become the fields' starting values.
  return <ConnectFields key={JSON.stringify(managed ?? {})} {...props} managed={managed ?? {}} />;
}

function ConnectFields({
  status,
  oauthClientId = '',
  onConnected,
  managed,
  checkClient,
  choice,
}: ConnectFormProps & { managed: ManagedSettings }) {
  const lockedPlace: Place | undefined = managed.orgName ? 'org' : managed.region;
  const saved = status && status.state !== 'disconnected' ? status : undefined;
  const [place, setPlace] = useState<Place>(lockedPlace ?? placeOf(saved?.target));
  const [org, setOrg] = useState(managed.orgName ?? (saved?.target.kind === 'org' ? saved.target.org : ''));
  const [baseUrl, setBaseUrl] = useState(saved?.target.kind === 'custom' ? saved.target.baseUrl : '');
  const [method, setMethod] = useState<'apiKey' | 'oauth'>(managed.clientId ? 'oauth' : (saved?.method ?? 'apiKey'));
  const [apiKey, setApiKey] = useState('');
  const [clientId, setClientId] = useState(managed.clientId ?? oauthClientId);
  // Kustomer's scope strings are not documented (docs/kustomer-api.md, Unverified): an admin can change them.
  const [scope, setScope] = useState(DEFAULT_OAUTH_SCOPE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  /** What to fix before signing in with Kustomer can work (lib/ui/oauth-client-check.ts), as a sentence. */
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setProblem(null), [place, org, baseUrl, clientId, method]);

  // A saved connection that stopped working is signed in again under its id (same organisation, same data).
  const again = saved ? { connectionId: saved.id } : { ...choice };
  const signIn = async (target: ConnectionTarget): Promise<OrgConnectionStatus | null> => {
    const refused = await (await signInChecks()).checkBeforeSignIn(target, clientId, checkClient);
    if (refused) {
      setProblem(refused);
      return null;
    }
    return request('connectWithOAuth', { target, clientId: clientId.trim(), scope: scope.trim(), ...again });
  };

  // One notice: what the last attempt here said, or else why the saved connection stopped working.
  const shownError = error ?? (status?.state === 'error' ? status.error : null);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setProblem(null);
    const target = targetOf(place, org, baseUrl);
    if (target.kind === 'org' && !/^[a-z0-9][a-z0-9-]{0,62}$/i.test(target.org)) {
      setError({ kind: 'validation', message: t('options.connection.orgInvalid') });
      return;
    }
    if (target.kind === 'custom' && !/^https?:\/\/\S+$/i.test(target.baseUrl)) {
      setError({ kind: 'validation', message: t('options.connection.baseUrlInvalid') });
      return;
    }
    if (method === 'apiKey' && apiKey.trim() === '') {
      setError({ kind: 'validation', message: t('options.connection.apiKeyMissing') });
      return;
    }
    setBusy(true);
    try {
      const result =
        method === 'apiKey'
          ? await request('connectWithApiKey', { target, apiKey: apiKey.trim(), ...again })
          : await signIn(target);
      if (!result) return;
      if (result.state === 'connected') {
        setApiKey('');
        onConnected?.(result);
      } else {
        setError(
          result.state === 'error' ? result.error : { kind: 'internal', message: t('options.connection.notSucceeded') },
        );
      }
    } catch (caught) {
      const info = errorInfoOf(caught);
      const refusal = method === 'oauth' ? (await signInChecks()).sentenceOfSignInError(info) : null;
      if (refusal) setProblem(refusal);
      setError(info);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="stack"
      onSubmit={onSubmit}
      aria-describedby={shownError || problem ? 'connect-error' : undefined}
      noValidate
    >
      <label for="connect-place">{t('options.connection.where')}</label>
      <select
        id="connect-place"
        value={place}
        disabled={lockedPlace !== undefined}
        aria-describedby={lockedPlace ? 'connect-managed-hint' : undefined}
        onChange={(event) => setPlace(event.currentTarget.value as Place)}
      >
        {PLACES.map((option) => (
          <option key={option} value={option}>
            {t(`options.connection.place.${option}`)}
          </option>
        ))}
      </select>
      {place === 'org' && (
        <>
          <label for="connect-org">{t('options.connection.org')}</label>
          <div class="input-affix">
            <span aria-hidden="true">{t('options.connection.orgPrefix')}</span>
            <input
              id="connect-org"
              value={org}
              readOnly={managed.orgName !== undefined}
              autoComplete="off"
              spellcheck={false}
              aria-describedby={managed.orgName ? 'connect-org-hint connect-managed-hint' : 'connect-org-hint'}
              onInput={(event) => {
                // A pasted Kustomer address becomes its organisation's name at once.
                const field = event.currentTarget;
                const name = /kustomerapp\.com/i.test(field.value) ? orgFromAddress(field.value) : field.value;
                // Set on the field too: the state may already hold this name, and then nothing re-renders.
                field.value = name;
                setOrg(name);
              }}
            />
            <span aria-hidden="true">{t('options.connection.orgSuffix')}</span>
          </div>
          <p id="connect-org-hint" class="hint">
            {t('options.connection.orgHint')}
          </p>
        </>
      )}
      {place === 'custom' && (
        <>
          <label for="connect-base-url">{t('options.connection.baseUrl')}</label>
          <input
            id="connect-base-url"
            type="url"
            value={baseUrl}
            placeholder={t('options.connection.baseUrlExample')}
            spellcheck={false}
            onInput={(event) => setBaseUrl(event.currentTarget.value)}
          />
        </>
      )}
      <fieldset class="choice">
        <legend>{t('options.connection.method')}</legend>
        <label class="inline">
          <input
            type="radio"
            name="connect-method"
            checked={method === 'apiKey'}
            onChange={() => setMethod('apiKey')}
          />
          {t('options.connection.useApiKey')}
        </label>
        <label class="inline">
          <input type="radio" name="connect-method" checked={method === 'oauth'} onChange={() => setMethod('oauth')} />
          {t('options.connection.signIn')}
        </label>{' '}
        <span class="badge">{t('options.connection.recommended')}</span>
        <p class="hint" id="connect-method-why">
          {t('options.connection.methodWhy')}
        </p>
      </fieldset>
      {method === 'apiKey' ? (
        <>
          <label for="connect-api-key">{t('options.connection.apiKey')}</label>
          <input
            id="connect-api-key"
            type="password"
            value={apiKey}
            autoComplete="off"
            spellcheck={false}
            aria-describedby="connect-api-key-hint"
            onInput={(event) => setApiKey(event.currentTarget.value)}
          />
          <p id="connect-api-key-hint" class="hint">
            {t('options.connection.apiKeyHint')}
          </p>
        </>
      ) : (
        <>
          <label for="connect-client-id">{t('options.connection.clientId')}</label>
          <input
            id="connect-client-id"
            value={clientId}
            readOnly={managed.clientId !== undefined}
            spellcheck={false}
            autoComplete="off"
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={
              managed.clientId ? 'connect-client-id-hint connect-managed-hint' : 'connect-client-id-hint'
            }
            onInput={(event) => setClientId(event.currentTarget.value)}
          />
          <p id="connect-client-id-hint" class="hint">
            {t('options.connection.clientIdHint', { setup: t('options.oauth.title') })}
          </p>
          <label for="connect-scope">{t('options.connection.scope')}</label>
          <input
            id="connect-scope"
            value={scope}
            spellcheck={false}
            aria-describedby="connect-scope-hint"
            onInput={(event) => setScope(event.currentTarget.value)}
          />
          <p id="connect-scope-hint" class="hint">
            {t('options.connection.scopeHint')}
          </p>
        </>
      )}
      {(lockedPlace || managed.clientId) && (
        <p id="connect-managed-hint" class="hint">
          {t('options.connection.managed')}
        </p>
      )}
      {(shownError || problem) && (
        <div id="connect-error" class="notice notice-error" role="alert">
          <p class="notice-title">{problem ?? t('options.connection.failed')}</p>
          {shownError && <p>{connectWords(shownError)}</p>}
          {shownError && <KustomerSaid detail={shownError.detail} />}
        </div>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {t(
          busy
            ? 'options.connection.connecting'
            : method === 'apiKey'
              ? 'options.connection.connect'
              : 'options.connection.signIn',
        )}
      </button>
    </form>
  );
}

/** "Connected to sandbox as Sam Rivera", with test and sign-out actions. */
export function ConnectionSummary({ status }: { status: Extract<OrgConnectionStatus, { state: 'connected' }> }) {
  const [busy, setBusy] = useState<'test' | 'signOut' | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (what: 'test' | 'signOut') => {
    setBusy(what);
    setResult(null);
    try {
      const connectionId = status.id;
      // The background also pushes connectionChanged; setting it here keeps the page right if that push is lost.
      if (what === 'signOut') {
        setConnections(await request('signOut', { connectionId }));
        return;
      }
      const answer = await request('testConnection', { connectionId });
      if (answer.state !== 'connected') setConnectionStatus(answer);
      setResult(
        answer.state === 'connected'
          ? { ok: true, text: t('options.connection.works') }
          : {
              ok: false,
              text: answer.state === 'error' ? errorSentence(answer.error) : t('options.connection.doesNotWork'),
            },
      );
    } catch (caught) {
      setResult({ ok: false, text: errorInfoOf(caught).message });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div class="stack">
      <p>
        {status.userName
          ? tNodes('options.connection.connectedAs', {
              org: <strong>{status.orgName ?? status.baseUrl}</strong>,
              user: status.userName,
            })
          : tNodes('options.connection.connectedTo', { org: <strong>{status.orgName ?? status.baseUrl}</strong> })}
      </p>
      <p class="hint">
        {t(status.method === 'oauth' ? 'options.connection.signedIn' : 'options.connection.apiKey')} · {status.baseUrl}
      </p>
      {status.warning && <p class="hint">{status.warning.message}</p>}
      <div class="row">
        <button type="button" onClick={() => run('test')} disabled={busy !== null}>
          {t(busy === 'test' ? 'options.connection.testing' : 'options.connection.test')}
        </button>
        <button type="button" onClick={() => run('signOut')} disabled={busy !== null}>
          {t('options.connection.signOut')}
        </button>
      </div>
      {result && (
        <p role="status" class={result.ok ? 'ok' : 'danger'}>
          {result.text}
        </p>
      )}
    </div>
  );
}
