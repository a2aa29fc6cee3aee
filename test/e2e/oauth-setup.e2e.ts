import type { Page } from '@playwright/test';
import { ADA, AGENT, DEFAULT_OAUTH_CLIENT } from '../sandbox/fixtures';
import { expect, test } from './fixtures';
import { type Answer, send } from './hardening-helpers';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Issue 22: a new admin follows only the options page ("Set up sign-in with Kustomer for your team") and
 * docs/oauth-setup.md, and agents sign in with Kustomer as themselves. The admin's calls are the ones the page
 * shows, sent to the sandbox instead of https://$KUSTOMER_ORG.api.kustomerapp.com.
 */

const sandbox = sandboxForFile({ resetBeforeEach: true });

interface Setup {
  redirectUrl: string;
  definition: { app: string; version: string; redirectUris: string[] };
  /** Sends one of the page's commands (`register` or `install`) to the sandbox with the admin's key. */
  call(which: 'register' | 'install', body?: string): Promise<Response>;
}

/** What the options page gives an admin: the redirect URL, the app definition and the two commands. */
async function readSetup(options: Page): Promise<Setup> {
  const section = options.getByRole('region', { name: 'Set up sign-in with Kustomer for your team' });
  await section.getByText('Show the redirect URL, the app definition and the calls').click();
  const redirectUrl = await section.getByLabel('Redirect URL').inputValue();
  const definition = JSON.parse(await section.getByLabel('App definition').inputValue());
  const commands = await section.locator('pre code').allTextContents();
  const command = (path: string) => {
    const found = commands.find((text) => text.includes(`/v1/apps/${path}"`));
    if (!found) throw new Error(`The options page shows no command for /v1/apps/${path}`);
    return found;
  };
  const register = command('available');
  const install = command('install');
  return {
    redirectUrl,
    definition,
    call(which, body) {
      const shown = which === 'register' ? register : install;
      const path = /"https:\/\/\$KUSTOMER_ORG\.api\.kustomerapp\.com(\/v1\/[^"]+)"/.exec(shown)?.[1];
      // The install command carries its body; the register command sends the saved app definition.
      const data = body ?? /--data '([^']+)'/.exec(shown)?.[1];
      expect(shown).toContain('Authorization: Bearer $KUSTOMER_ADMIN_KEY');
      return fetch(`${sandbox.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.keys.appsAdmin}`, 'content-type': 'application/json' },
        body: data,
      });
    },
  };
}

/** The agent's side: the panel's connect form with the sandbox's address and the client ID. */
async function fillSignIn(panel: Page, clientId: string): Promise<void> {
  await panel.getByLabel('Where is your Kustomer?').selectOption('custom');
  await panel.getByLabel('API base URL').fill(sandbox.url);
  await panel.getByRole('radio', { name: 'Sign in with Kustomer' }).check();
  await panel.getByLabel('OAuth client ID').fill(clientId);
}

const authorizeRequests = () => sandbox.requests.filter((request) => request.path === '/oauth/authorize');

test('an admin registers and installs the app as the options page says; an agent signs in and writes as themselves', async ({
  extension,
  sidePanel,
}) => {
  const options = await extension.openExtensionPage('options.html');
  const setup = await readSetup(options);
  // The test build's pinned id: Chrome's redirect URL for it.
  expect(setup.redirectUrl).toBe(DEFAULT_OAUTH_CLIENT.redirectUris[0]);
  expect(setup.definition.redirectUris).toEqual([setup.redirectUrl]);
  await options.setViewportSize({ width: 480, height: 900 });
  await options.emulateMedia({ reducedMotion: 'reduce' });
  await options.getByRole('region', { name: 'Set up sign-in with Kustomer for your team' }).screenshot({
    path: new URL('./screenshots/oauth-setup-light.png', import.meta.url).pathname,
  });

  const registered = await setup.call('register', JSON.stringify(setup.definition));
  expect(registered.status).toBe(201);
  const clientId = ((await registered.json()) as { data: { attributes: { clientId: string } } }).data.attributes
    .clientId;
  expect((await setup.call('install')).status).toBe(200);

  await fillSignIn(sidePanel, clientId);
  const consentWindow = extension.context.waitForEvent('page', {
    predicate: (page) => page.url().startsWith(`${sandbox.url}/oauth/authorize`),
  });
  await sidePanel.getByRole('button', { name: 'Sign in with Kustomer' }).click();
  const consent = await consentWindow;
  await expect(consent.getByRole('heading')).toContainText(clientId);
  await consent.getByRole('button', { name: 'Allow' }).click();
  await expect(sidePanel.getByRole('heading', { name: 'Find a customer' })).toBeVisible();
  // The client was checked before the auth window opened, without starting a sign-in.
  expect(authorizeRequests()[0]?.query).toMatchObject({ client_id: clientId, state: 'client-check' });

  const body = `Written by the agent who signed in ${Date.now()}`;
  const queued = (await send(sidePanel, 'enqueueWrite', {
    connectionId: 'org-0',
    write: { kind: 'createNote', customerId: ADA.id, conversationId: ADA.openConversationId, body },
  })) as Answer & { value: { id: string } };
  expect(queued.ok).toBe(true);
  await expect
    .poll(async () => {
      const outbox = (await send(sidePanel, 'getOutbox')) as { value: { id: string; state: string }[] };
      return outbox.value.find((item) => item.id === queued.value.id)?.state;
    })
    .toBe('sent');
  const stored = [...sandbox.store.notes.values()].find((note) => note.body === body);
  expect(stored?.createdBy).toBe(AGENT.id);
  const conversation = (await send(sidePanel, 'getConversation', {
    connectionId: 'org-0',
    conversationId: ADA.openConversationId,
  })) as {
    value: { timeline: { kind: string; body?: string; authorName?: string }[] };
  };
  expect(conversation.value.timeline.find((entry) => entry.kind === 'note' && entry.body === body)).toMatchObject({
    authorName: AGENT.name,
  });
});

test('with the app registered but not installed, the agent reads that it is not installed, and no auth window opens', async ({
  extension,
  sidePanel,
}) => {
  const options = await extension.openExtensionPage('options.html');
  const setup = await readSetup(options);
  const registered = await setup.call('register', JSON.stringify(setup.definition));
  const clientId = ((await registered.json()) as { data: { attributes: { clientId: string } } }).data.attributes
    .clientId;

  await fillSignIn(sidePanel, clientId);
  await sidePanel.getByRole('button', { name: 'Sign in with Kustomer' }).click();
  const alert = sidePanel.getByRole('alert');
  await expect(alert).toContainText('the sidebar’s app is not installed in this organisation');
  await expect(alert).toContainText('POST /v1/apps/install');
  expect(authorizeRequests().map((request) => request.query.state)).toEqual(['client-check']);
  expect(extension.context.pages().some((page) => page.url().includes('/oauth/authorize'))).toBe(false);
  await expect(sidePanel.getByLabel('OAuth client ID')).toHaveAttribute('aria-invalid', 'true');
});

test('an app installed without this browser’s redirect URL is named as such', async ({ extension, sidePanel }) => {
  const options = await extension.openExtensionPage('options.html');
  const setup = await readSetup(options);
  const other = { ...setup.definition, redirectUris: ['https://another-build.chromiumapp.org/'] };
  const registered = await setup.call('register', JSON.stringify(other));
  const clientId = ((await registered.json()) as { data: { attributes: { clientId: string } } }).data.attributes
    .clientId;
  expect((await setup.call('install')).status).toBe(200);

  await fillSignIn(sidePanel, clientId);
  await sidePanel.getByRole('button', { name: 'Sign in with Kustomer' }).click();
  await expect(sidePanel.getByRole('alert')).toContainText("Kustomer refused this browser's redirect URL");
  expect(authorizeRequests()).toHaveLength(1);
});
