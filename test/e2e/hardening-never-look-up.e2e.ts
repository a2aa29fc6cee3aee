import { expect, test } from './fixtures';
import { sandboxForFile } from './sandbox-for-file';

/**
 * Issue 21, finding 6: never-look-up rules hold for every spelling of a domain. The agent lists its own
 * domains in the options, in whatever spelling it types; a lookup of an address at one of them, in any
 * other spelling a page could show, is refused and nothing reaches Kustomer.
 */
const sandbox = sandboxForFile({ resetBeforeEach: true });

test('a never-look-up domain typed in Unicode or fullwidth refuses every spelling of its addresses', async ({
  extension,
}) => {
  const page = await extension.openExtensionPage('options.html');
  await page.getByLabel('Where is your Kustomer?').selectOption('custom');
  await page.getByLabel('API base URL').fill(sandbox.url);
  await page.getByLabel('API key', { exact: true }).fill(sandbox.apiKey);
  await page.getByRole('button', { name: 'Connect to Kustomer' }).click();
  await expect(page.getByText(/Connected to/)).toBeVisible();

  // Before the fix the settings schema refused both lines ("Not a domain").
  await page.getByLabel('Domains (one per line)').fill('bücher.example\nＥＸＡＭＰＬＥ.com');
  await page.getByRole('button', { name: 'Save domains' }).click();
  await expect(page.getByText('Domains saved.')).toBeVisible();
  sandbox.requests.length = 0;

  const emails = [
    'ada.lovelace@example.com',
    'ada.lovelace@ｅｘａｍｐｌｅ.com',
    'ada.lovelace@EXAMPLE.ＣＯＭ',
    'ada.lovelace@exampl\u200de.com',
    'bob@xn--bcher-kva.example',
    'bob@bu\u0308cher.example',
    'bob@shop.BÜCHER.example',
  ];
  const answers = await page.evaluate(
    (list) => Promise.all(list.map((email) => chrome.runtime.sendMessage({ type: 'lookupEmail', input: { email } }))),
    emails,
  );
  for (const [index, answer] of answers.entries()) {
    expect(answer, emails[index]).toMatchObject({ ok: false, error: { kind: 'refused' } });
  }
  expect(sandbox.requests.filter((request) => request.path.startsWith('/v1/customers/email='))).toEqual([]);
});
