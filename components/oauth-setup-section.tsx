import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { buildRedirectUrl, setupCommands, sidebarAppJson } from '../lib/ui/oauth-app';
import { rich } from './rich-text';

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
      setSaid(t('options.oauth.copied', { what: label }));
    } catch {
      setSaid(t('options.oauth.copyRefused'));
    }
  };
  return (
    <div class="stack">
      <label for={id}>{label}</label>
      <textarea id={id} readOnly rows={rows} spellcheck={false} value={value} />
      <div class="row">
        <button type="button" onClick={copy}>
          {t('options.oauth.copy', { what })}
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
      <h2 id="oauth-setup-title">{t('options.oauth.title')}</h2>
      <p class="hint">{t('options.oauth.intro')}</p>
      {/* Closed by default: agents open the options page too, and need none of this. */}
      <details class="stack">
        <summary>{t('options.oauth.show')}</summary>
        {redirectUrl ? (
          <CopyField
            id="oauth-redirect-url"
            label={t('options.oauth.redirectUrl')}
            what={t('options.oauth.redirectUrlWhat')}
            value={redirectUrl}
            rows={2}
          />
        ) : (
          <p class="danger">{t('options.oauth.noRedirect')}</p>
        )}
        <p class="hint">{t('options.oauth.redirectHint')}</p>
        <CopyField
          id="oauth-app-definition"
          label={t('options.oauth.appDefinition')}
          what={t('options.oauth.appDefinitionWhat')}
          value={sidebarAppJson(redirectUrl)}
          rows={11}
        />
        <ol class="stack">
          <li>
            {rich('options.oauth.register', { file: <code>kustomer-sidebar-app.json</code> })}
            <pre class="pre-wrap">
              <code>{commands.register}</code>
            </pre>
            {rich('options.oauth.clientId', {
              field: <code>data.attributes.clientId</code>,
              clientId: <strong>{t('options.oauth.clientIdName')}</strong>,
            })}
          </li>
          <li>
            {t('options.oauth.install')}
            <pre class="pre-wrap">
              <code>{commands.install}</code>
            </pre>
          </li>
          <li>
            {rich('options.oauth.agents', {
              fields: (
                <>
                  <code>orgName</code>, <code>region</code>, <code>clientId</code>
                </>
              ),
            })}
          </li>
        </ol>
        <p class="hint">{t('options.oauth.docs')}</p>
      </details>
    </section>
  );
}
