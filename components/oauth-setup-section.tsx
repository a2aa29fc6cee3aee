import { useState } from 'preact/hooks';
import { buildRedirectUrl, setupCommands, sidebarAppJson } from '../lib/ui/oauth-app';

/** A read-only field with a copy button; `what` names it inside the button ("Copy the redirect URL"). */
function CopyField({
  id,
  label,
  what,
  value,
  rows,
}: {
  id: string;
  label: string;
  what: string;
  value: string;
  rows: number;
}) {
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setSaid(`${label} copied.`);
    } catch {
      setSaid('Copying was not allowed: select the text and copy it.');
    }
  };
  return (
    <div class="stack">
      <label for={id}>{label}</label>
      <textarea id={id} readOnly rows={rows} spellcheck={false} value={value} />
      <div class="row">
        <button type="button" onClick={copy}>
          Copy {what}
        </button>
        <span role="status" class="ok">
          {said}
        </span>
      </div>
    </div>
  );
}

/**
 * For a Kustomer admin: what to register so that agents can sign in with Kustomer (notes then carry the agent's
 * name). docs/oauth-setup.md has the same steps with the answers to expect.
 */
export function OAuthSetupSection({ redirectUrl = buildRedirectUrl() }: { redirectUrl?: string }) {
  const commands = setupCommands();
  return (
    <section aria-labelledby="oauth-setup-title" class="section">
      <h2 id="oauth-setup-title">Set up sign-in with Kustomer for your team</h2>
      <p class="hint">
        For a Kustomer admin, once per organisation. Agents who sign in with Kustomer work as themselves: their notes
        and messages carry their own name. You need an API key with the org.admin.apps and org.permission.apps roles
        (Settings → Security → API Keys).
      </p>
      {/* Closed by default: agents open the options page too, and need none of this. */}
      <details class="stack">
        <summary>Show the redirect URL, the app definition and the calls</summary>
        {redirectUrl ? (
          <CopyField id="oauth-redirect-url" label="Redirect URL" what="redirect URL" value={redirectUrl} rows={2} />
        ) : (
          <p class="danger">This browser does not give extensions a sign-in redirect URL (identity API missing).</p>
        )}
        <p class="hint">
          The redirect URL belongs to this browser’s build of the extension: another browser, or another build, has its
          own, and the app must list each one its agents use.
        </p>
        <CopyField
          id="oauth-app-definition"
          label="App definition"
          what="app definition"
          value={sidebarAppJson(redirectUrl)}
          rows={11}
        />
        <ol class="stack">
          <li>
            Save the app definition as <code>kustomer-sidebar-app.json</code> and register it (it stays private to your
            organisation):
            <pre class="pre-wrap">
              <code>{commands.register}</code>
            </pre>
            The answer’s <code>data.attributes.clientId</code> is your <strong>client ID</strong>.
          </li>
          <li>
            Install the app in your organisation; until then Kustomer answers sign-ins with “Invalid Client”:
            <pre class="pre-wrap">
              <code>{commands.install}</code>
            </pre>
          </li>
          <li>
            Give agents the client ID and your organisation name: they choose “My organisation’s address” and “Sign in
            with Kustomer”. Or push both to every agent’s browser as a policy for this extension (managed storage:{' '}
            <code>orgName</code>, <code>region</code>, <code>clientId</code>); the connect form then fills them in and
            locks them.
          </li>
        </ol>
        <p class="hint">
          The same steps, with the answers to expect and what each refusal means, are in the extension’s
          docs/oauth-setup.md.
        </p>
      </details>
    </section>
  );
}
