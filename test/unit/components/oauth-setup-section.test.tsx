// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { OAuthSetupSection } from '../../../components/oauth-setup-section';

afterEach(cleanup);

const CHROME = 'https://jndjnofdpedebllphnccggnmpbpmmije.chromiumapp.org/';

describe('Set up sign-in with Kustomer for your team', () => {
  it("shows this build's redirect URL and an app definition that registers it", () => {
    render(<OAuthSetupSection redirectUrl={CHROME} />);
    expect(screen.getByRole('heading', { name: 'Set up sign-in with Kustomer for your team' })).toBeTruthy();
    expect((screen.getByLabelText('Redirect URL') as HTMLTextAreaElement).value).toBe(CHROME);
    const definition = JSON.parse((screen.getByLabelText('App definition') as HTMLTextAreaElement).value);
    expect(definition).toEqual({
      app: 'kustomer_sidebar',
      version: '1.0.0',
      title: 'Kustomer Sidebar',
      visibility: 'private',
      redirectUris: [CHROME],
    });
    expect(screen.getByRole('button', { name: 'Copy redirect URL' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy app definition' })).toBeTruthy();
  });

  it('writes out the register and install calls with the admin key', () => {
    render(<OAuthSetupSection redirectUrl={CHROME} />);
    const calls = [...document.querySelectorAll('pre code')].map((code) => code.textContent ?? '');
    expect(calls[0]).toContain('POST "https://$KUSTOMER_ORG.api.kustomerapp.com/v1/apps/available"');
    expect(calls[1]).toContain('/v1/apps/install');
    expect(calls[1]).toContain(`'{"app":"kustomer_sidebar","version":"1.0.0"}'`);
    for (const call of calls) expect(call).toContain('Authorization: Bearer $KUSTOMER_ADMIN_KEY');
    expect(screen.getByText('data.attributes.clientId', { selector: 'code' })).toBeTruthy();
  });

  it('says so when the browser gives extensions no redirect URL', () => {
    render(<OAuthSetupSection redirectUrl="" />);
    expect(screen.getByText(/does not give extensions a sign-in redirect URL/)).toBeTruthy();
  });
});
