import type { Page } from '@playwright/test';
import type { Sandbox } from '../sandbox';
import { ADA } from '../sandbox/fixtures';
import { type MultiOrgSandbox, startMultiOrgSandbox } from '../sandbox/multi-org';
import { ADA_ELSEWHERE, HEDY } from '../sandbox/orgs';
import { connectThroughPanel, openPanelWithIntent, searchAndOpen } from '../support/agent-flows';
import type { LaunchedExtension } from '../support/launch-extension';
import { expect, test } from './fixtures';
import { audit } from './hardening-helpers';
import { shootWidths } from './shoot';

/*
 * Several organisations (issue 18): two sandbox organisations, each on its own port (its "own host"), connected
 * side by side as an agent does it: the first in the panel, the second with "Add an organisation" in the options.
 * What the agent sees in the panel, and what each organisation received.
 */

let multi: MultiOrgSandbox;
test.beforeAll(async () => {
  multi = await startMultiOrgSandbox({ orgs: [{ slug: 'sandbox' }, { slug: 'brightwave' }] });
});
test.afterAll(async () => {
  const reports = multi.orgs.map((org) => org.conformance());
  await multi.close();
  for (const report of reports) {
    expect(report.offSpecRequests, 'off-spec requests').toEqual([]);
    expect(report.offSpecAnswers, 'off-spec answers').toEqual([]);
  }
});
test.beforeEach(() => multi.reset());

const primary = () => multi.org('sandbox');
const brightwave = () => multi.org('brightwave');
const TABS = 'Organisations that know this customer';

/** Adds an organisation in the options page: a short name, then where it is and its API key. */
async function addOrganisation(options: Page, org: Sandbox, label: string): Promise<void> {
  await options.getByRole('button', { name: 'Add an organisation' }).click();
  await options.getByLabel('Short name').fill(label);
  await options.getByLabel('Where is your Kustomer?').selectOption('custom');
  await options.getByLabel('API base URL').fill(org.url);
  await options.getByLabel('API key', { exact: true }).fill(org.apiKey);
  await options.getByRole('button', { name: 'Connect to Kustomer' }).click();
  await expect(options.getByRole('list', { name: 'Connected organisations' }).getByText(label)).toBeVisible();
}

/**
 * The primary organisation through the panel (as a single-organisation agent did), Brightwave in the options,
 * and the primary renamed "Sandbox" there (its default name is its API host, a port that changes every run).
 */
async function connectBoth(panel: Page, extension: LaunchedExtension): Promise<Page> {
  await connectThroughPanel(panel, primary());
  const options = await extension.openExtensionPage('options.html');
  await options.setViewportSize({ width: 480, height: 900 });
  await addOrganisation(options, brightwave(), 'Brightwave');
  const list = options.getByRole('list', { name: 'Connected organisations' });
  const first = list.getByRole('listitem').first();
  await first.getByRole('button', { name: /^Rename / }).click();
  await first.getByRole('textbox').fill('Sandbox');
  await first.getByRole('button', { name: 'Save name' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').first()).toContainText('Sandbox');
  return options;
}

/** Opens the panel on a customer's address, as a right-click "Look up in Kustomer" does. */
const openCard = (extension: LaunchedExtension, email: string) =>
  openPanelWithIntent(extension, { kind: 'showCustomer', email, source: 'contextMenu' });

const lookupsOf = (org: Sandbox, email: string) =>
  org.requests.filter((request) => decodeURIComponent(request.path).endsWith(`email=${email}`));
const postsWith = (org: Sandbox, text: string) =>
  org.requests.filter((request) => request.method === 'POST' && JSON.stringify(request.body ?? '').includes(text));

test('a customer known in both organisations shows a tab for each', async ({ extension, sidePanel }) => {
  await connectBoth(sidePanel, extension);
  const panel = await openCard(extension, ADA.email);
  await panel.setViewportSize({ width: 400, height: 760 });
  const tabs = panel.getByRole('tablist', { name: TABS });
  await expect(tabs.getByRole('tab')).toHaveCount(2);
  // In the agent's order, the first that knows the customer open.
  await expect(tabs.getByRole('tab', { name: 'Sandbox', selected: true })).toBeVisible();
  await expect(panel.getByRole('heading', { name: ADA.name })).toBeVisible();
  await tabs.getByRole('tab', { name: 'Brightwave' }).click();
  await expect(tabs.getByRole('tab', { name: 'Brightwave', selected: true })).toBeFocused();
  await expect(panel.getByRole('heading', { name: ADA_ELSEWHERE.name })).toBeVisible();
  await expect(panel.getByText(ADA_ELSEWHERE.tags[0], { exact: true })).toBeVisible();
  await shootWidths(panel, 'multi-org-card');
  expect(lookupsOf(primary(), ADA.email).length).toBeGreaterThan(0);
  expect(lookupsOf(brightwave(), ADA.email).length).toBeGreaterThan(0);

  // The search lists her once per organisation, each result with its organisation's chip.
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill('Ada');
  await panel.getByRole('searchbox', { name: 'Search customers' }).press('Enter');
  const results = panel.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('button', { name: /Ada Lovelace.*Sandbox/ })).toBeVisible();
  await expect(results.getByRole('button', { name: /Ada King.*Brightwave/ })).toBeVisible();

  // One organisation down: what the other found is listed, and the one not asked is named, with a retry.
  brightwave().setFaults({ down: true });
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(results.getByRole('button', { name: /Ada Lovelace.*Sandbox/ })).toBeVisible();
  await expect(results.getByRole('button', { name: /Ada King/ })).toHaveCount(0);
  const notAsked = panel.getByRole('status').filter({ hasText: 'Brightwave did not answer this search' });
  await expect(notAsked).toBeVisible();
  brightwave().setFaults({ down: false });
  await notAsked.getByRole('button', { name: 'Retry' }).click();
  await expect(results.getByRole('button', { name: /Ada King.*Brightwave/ })).toBeVisible();
  await expect(notAsked).toHaveCount(0);
});

test('a note goes to the organisation whose card the agent is on, and to no other', async ({
  extension,
  sidePanel,
}) => {
  await connectBoth(sidePanel, extension);
  const panel = await openCard(extension, ADA.email);
  await panel.setViewportSize({ width: 400, height: 760 });
  await panel.getByRole('tablist', { name: TABS }).getByRole('tab', { name: 'Brightwave' }).click();
  await expect(panel.getByRole('heading', { name: ADA_ELSEWHERE.name })).toBeVisible();
  await panel.getByRole('button', { name: /^Conversations \(\d+ open\)$/ }).click();
  await panel
    .getByRole('list', { name: 'Conversations' })
    .getByRole('button', { name: new RegExp(ADA_ELSEWHERE.conversationSubject) })
    .click();
  await expect(panel.getByRole('heading', { level: 2, name: ADA_ELSEWHERE.conversationSubject })).toBeVisible();
  // The composer says where the note goes.
  await expect(panel.getByText(`Note to ${ADA_ELSEWHERE.name} — Brightwave`)).toBeVisible();
  const text = 'Wholesale list sent again (multi-org e2e).';
  const note = panel.getByLabel('Note', { exact: true });
  await note.fill(text);
  await note.press('Control+Enter');
  await expect.poll(() => [...brightwave().store.notes.values()].filter((entry) => entry.body === text).length).toBe(1);
  const [sent] = postsWith(brightwave(), text);
  expect(sent?.path).toMatch(/^\/v1\/conversations\/[0-9a-f]{24}\/notes$/);
  // The other organisation never saw it: no POST of it, no note with it.
  expect(postsWith(primary(), text)).toEqual([]);
  expect([...primary().store.notes.values()].filter((entry) => entry.body === text)).toEqual([]);
  // The outbox line names the organisation.
  await panel.getByRole('button', { name: /^Outbox/ }).click();
  const item = panel.getByRole('list', { name: 'Writes' }).getByRole('listitem').first();
  await expect(item).toContainText('in Brightwave');
  await expect(item).toContainText('Sent');
});

test('signing out of one organisation keeps the other working', async ({ extension, sidePanel }) => {
  const options = await connectBoth(sidePanel, extension);
  await options.getByRole('button', { name: 'Sign out of Sandbox' }).click();
  await expect(options.getByText('Signed out of Sandbox. The other organisations stay connected.')).toBeVisible();
  const asked = primary().requests.length;

  // Brightwave answers as before: Hedy (known there alone), and Ada as Brightwave knows her, without tabs.
  const panel = await openCard(extension, HEDY.email);
  await expect(panel.getByRole('heading', { name: HEDY.name })).toBeVisible();
  const ada = await openCard(extension, ADA.email);
  await expect(ada.getByRole('heading', { name: ADA_ELSEWHERE.name })).toBeVisible();
  await expect(ada.getByRole('tablist', { name: TABS })).toHaveCount(0);
  await expect(ada.getByRole('heading', { name: ADA.name })).toHaveCount(0);
  // The signed-out organisation is asked nothing more.
  expect(primary().requests.length).toBe(asked);
});

test('a rate-limited organisation does not hold back the other one’s card', async ({ extension, sidePanel }) => {
  await connectBoth(sidePanel, extension);
  // Every request to the primary gets 429 (Retry-After: 1 s) for a while.
  primary().setFaults({ force429: 1000 });
  const started = Date.now();
  const panel = await openCard(extension, ADA.email);
  const tabs = panel.getByRole('tablist', { name: TABS });
  // Brightwave's card opens while the primary is still being asked.
  await expect(panel.getByRole('heading', { name: ADA_ELSEWHERE.name })).toBeVisible({ timeout: 5_000 });
  const waited = Date.now() - started;
  await expect(tabs.getByRole('tab', { name: /Sandbox/ })).toHaveAttribute('aria-busy', 'true');
  expect(primary().requests.filter((request) => request.status === 429).length).toBeGreaterThan(0);
  expect(waited, 'Brightwave card within 5 s while Sandbox answers 429').toBeLessThan(5_000);
  // Once its limit is over, the primary's tab fills in; the agent stays on Brightwave.
  primary().setFaults({ force429: 0 });
  await expect(tabs.getByRole('tab', { name: /Sandbox/ })).not.toHaveAttribute('aria-busy', 'true', {
    timeout: 15_000,
  });
  await expect(tabs.getByRole('tab', { name: 'Brightwave', selected: true })).toBeVisible();
});

test('from the panel: add an organisation, rename it, sign out of the first; the second keeps answering', async ({
  sidePanel: panel,
}) => {
  await connectThroughPanel(panel, primary());
  await panel.setViewportSize({ width: 400, height: 900 });
  // Who is connected is the way to the Organisations screen (the first is named after its API host).
  await panel.getByRole('button', { name: /^Organisations: / }).click();
  await expect(panel.getByRole('heading', { name: 'Organisations', level: 2 })).toBeFocused();
  await addOrganisation(panel, brightwave(), 'Brightwave');
  const list = panel.getByRole('list', { name: 'Connected organisations' });
  await expect(list.getByRole('listitem')).toHaveCount(2);

  await list.getByRole('button', { name: 'Rename Brightwave' }).click();
  await list.getByRole('textbox', { name: 'New name for Brightwave' }).fill('Brightwave EU');
  await list.getByRole('button', { name: 'Save name' }).click();
  await expect(panel.getByText('Renamed to Brightwave EU.')).toBeVisible();
  await shootWidths(panel, 'multi-org-panel-organisations');
  expect(await audit(panel, 'organisations in the panel')).toEqual([]);

  const first = list.getByRole('listitem').first();
  await first.getByRole('button', { name: /^Sign out of / }).click();
  await expect(panel.getByText(/^Signed out of .+\. The other organisations stay connected\.$/)).toBeVisible();
  const asked = primary().requests.length;
  const askedBrightwave = brightwave().requests.length;
  // One organisation left: its summary, still in the panel.
  await expect(panel.getByText(/Connected to/)).toContainText(new URL(brightwave().url).host);

  // The panel answers from Brightwave: Hedy (known there alone), and Ada as Brightwave knows her.
  await panel.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(panel.getByRole('button', { name: 'Organisations: Brightwave EU' })).toBeVisible();
  await searchAndOpen(panel, HEDY.email, HEDY.name);
  await expect(panel.getByRole('heading', { name: HEDY.name })).toBeVisible();
  expect(primary().requests.length).toBe(asked);
  expect(brightwave().requests.length).toBeGreaterThan(askedBrightwave);
});
