// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { QuickNoteForOrg } from '../../../components/quick-note-org';
import { request } from '../../../lib/messaging/client';
import type { Settings } from '../../../lib/messaging/model';
import { setConnections } from '../../../lib/ui/connection-store';
import type { QuickNoteIntent } from '../../../lib/ui/router';
import { connectedStatus } from './fixtures';
import { answer, renderInRouter, useMemoryDrafts } from './harness';

vi.mock('../../../lib/messaging/client', () => import('./client-mock'));

const INTENT: QuickNoteIntent = { kind: 'quickNote', text: 'Order 1234 late', sourceUrl: 'https://shop.example/admin' };
const SETTINGS: Settings = { neverLookUpDomains: [], paused: false, enabledSites: [], oauthClientId: '' };

beforeEach(async () => {
  await useMemoryDrafts();
  setConnections([
    { ...connectedStatus(), label: 'Sandbox' },
    { ...connectedStatus(), id: 'org-bright', label: 'Brightwave', colour: 'orange' },
  ]);
  answer(request, { updateSettings: { ...SETTINGS, siteDefaultOrgs: { 'https://shop.example': 'org-bright' } } });
});

describe('Quick note with several organisations', () => {
  it('asks which organisation when the site has no default, and remembers it when ticked', async () => {
    renderInRouter(<QuickNoteForOrg intent={INTENT} />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Brightwave' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Always use it on https://shop.example' }));
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() =>
      expect(request).toHaveBeenCalledWith('updateSettings', {
        patch: { siteDefaultOrg: { origin: 'https://shop.example', connectionId: 'org-bright' } },
      }),
    );
    expect(await screen.findByLabelText('Note')).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
  });

  it('goes straight to the note with the site default organisation', async () => {
    renderInRouter(<QuickNoteForOrg intent={{ ...INTENT, connectionId: 'org-bright' }} />);
    expect(await screen.findByLabelText('Note')).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(request).not.toHaveBeenCalledWith('updateSettings', expect.anything());
  });
});
