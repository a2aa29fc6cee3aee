// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { ConnectionsList } from '../../../components/connections-list';
import { OrgChip } from '../../../components/org-chip';
import { OrgPicker } from '../../../components/org-picker';
import { OrgTabs } from '../../../components/org-tabs';
import { OrgChipsOnDemand } from '../../../components/org-views-on-demand';
import { SiteOrgSelect } from '../../../components/site-org-select';
import { MessageError } from '../../../lib/messaging/errors';
import type { CustomerCard } from '../../../lib/messaging/model';
import { CONNECTION_COLOURS, type OrgConnectionStatus, type OrgTag } from '../../../lib/messaging/model';
import { setConnections } from '../../../lib/ui/connection-store';
import { type OrgTab, openTab, orgTabsOf, unknownEverywhere } from '../../../lib/ui/org-tabs';
import { ADA_CARD, connectedStatus } from './fixtures';
import './harness';

/** How many times the panel's views for several organisations were loaded (the on-demand module). */
const orgViewsLoads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../components/org-views', async (importOriginal) => {
  orgViewsLoads.count += 1;
  return importOriginal();
});

const SANDBOX: OrgTag = { id: 'org-0', label: 'Sandbox', colour: 'blue' };
const BRIGHTWAVE: OrgTag = { id: 'org-bright', label: 'Brightwave', colour: 'orange' };
const THIRD: OrgTag = { id: 'org-third', label: 'Third', colour: 'green' };
const ADA_BRIGHT: CustomerCard = {
  ...ADA_CARD,
  customer: { ...ADA_CARD.customer, id: 'c-bright', phones: ['+1 555'] },
};

function connection(tag: OrgTag, overrides: Partial<OrgConnectionStatus> = {}): OrgConnectionStatus {
  return { ...connectedStatus(), ...tag, ...overrides } as OrgConnectionStatus;
}

describe('Org chip', () => {
  it('writes the label out, so the colour is never the only sign', () => {
    render(
      <button type="button">
        <OrgChip org={BRIGHTWAVE} />
      </button>,
    );
    const button = screen.getByRole('button', { name: 'Brightwave' });
    const dot = button.querySelector('.org-dot');
    expect(dot?.getAttribute('data-colour')).toBe('orange');
    expect(dot?.getAttribute('aria-hidden')).toBe('true');
  });

  /** WCAG 2.1 relative luminance of `#rrggbb`. */
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => {
      const value = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (high + 0.05) / (low + 0.05);
  };
  const css = readFileSync(join(import.meta.dirname, '../../../components/orgs.css'), 'utf8');
  const theme = readFileSync(join(import.meta.dirname, '../../../components/theme.css'), 'utf8');
  const backgrounds = [...theme.matchAll(/--bg(?:-raised)?: (#[0-9a-f]{6});/g)].map((match) => match[1] as string);

  it.each(CONNECTION_COLOURS)('%s stands out at 3:1 on the light and the dark backgrounds', (colour) => {
    const hex = new RegExp(`\\[data-colour="${colour}"\\] \\{\\s*--org: (#[0-9a-f]{6});`).exec(css)?.[1];
    expect(hex).toBeDefined();
    // Light and dark, page and raised (the selected tab).
    expect(backgrounds).toHaveLength(4);
    for (const background of backgrounds) expect(contrast(hex as string, background)).toBeGreaterThanOrEqual(3);
  });
});

describe('Chips in lists', () => {
  it('loads nothing with one organisation; once several are connected, names those that know a record', async () => {
    setConnections([connection(SANDBOX)]);
    const answers = [
      { connectionId: BRIGHTWAVE.id, status: 'known' },
      { connectionId: THIRD.id, status: 'unknown' },
      { connectionId: SANDBOX.id, status: 'known' },
    ];
    const { container } = render(<OrgChipsOnDemand of={answers} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container.textContent).toBe('');
    expect(orgViewsLoads.count).toBe(0);
    setConnections([connection(SANDBOX), connection(BRIGHTWAVE), connection(THIRD)]);
    // In the agent's order, and only the organisations that know the customer.
    await waitFor(() => expect(container.textContent).toBe('SandboxBrightwave'));
    expect(orgViewsLoads.count).toBe(1);
  });

  it('names the organisation of a search result', async () => {
    setConnections([connection(SANDBOX), connection(BRIGHTWAVE)]);
    const { container } = render(<OrgChipsOnDemand of={[{ connectionId: BRIGHTWAVE.id }]} />);
    await waitFor(() => expect(container.textContent).toBe('Brightwave'));
  });
});

describe('Card tabs per organisation', () => {
  it('lists, in the agent order, who knows the customer, who is still answering and who failed', () => {
    const tabs = orgTabsOf(
      [SANDBOX, BRIGHTWAVE, THIRD],
      [
        { connectionId: 'org-third', status: 'error', error: { kind: 'network', message: 'Offline' } },
        { connectionId: 'org-0', status: 'unknown' },
      ],
    );
    expect(tabs.map((tab) => [tab.org.label, tab.status])).toEqual([
      ['Brightwave', 'pending'],
      ['Third', 'error'],
    ]);
    expect(openTab(tabs)).toBe('org-bright');
  });

  it('opens the first organisation that knows the customer, and keeps the chosen one while it exists', () => {
    const tabs = orgTabsOf(
      [SANDBOX, BRIGHTWAVE],
      [
        { connectionId: 'org-bright', status: 'known', card: ADA_BRIGHT },
        { connectionId: 'org-0', status: 'error', error: { kind: 'network', message: 'Offline' } },
      ],
    );
    expect(openTab(tabs)).toBe('org-bright');
    expect(openTab(tabs, 'org-0')).toBe('org-0');
    expect(openTab(tabs, 'org-gone')).toBe('org-bright');
  });

  it('is unknown only when every organisation said so', () => {
    expect(unknownEverywhere([SANDBOX, BRIGHTWAVE], [{ connectionId: 'org-0', status: 'unknown' }])).toBe(false);
    const both = [
      { connectionId: 'org-0', status: 'unknown' },
      { connectionId: 'org-bright', status: 'unknown' },
    ] as const;
    expect(unknownEverywhere([SANDBOX, BRIGHTWAVE], both)).toBe(true);
  });

  function renderTabs(tabs: OrgTab[], initial = openTab(tabs)) {
    const onRetry = vi.fn();
    let selected = initial ?? 'org-0';
    const view = () => (
      <OrgTabs
        tabs={tabs}
        selected={selected}
        onSelect={(id) => {
          selected = id;
          utils.rerender(view());
        }}
        onRetry={onRetry}
      >
        {(card, id) => (
          <p>
            {card.customer.id} in {id}
          </p>
        )}
      </OrgTabs>
    );
    const utils = render(view());
    return { onRetry };
  }

  it('shows a tab per organisation and moves with the arrow keys, Home and End', () => {
    renderTabs([
      { org: SANDBOX, status: 'known', card: ADA_CARD },
      { org: BRIGHTWAVE, status: 'known', card: ADA_BRIGHT },
      { org: THIRD, status: 'pending' },
    ]);
    const list = screen.getByRole('tablist', { name: 'Organisations that know this customer' });
    const tabs = within(list).getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['Sandbox', 'Brightwave', 'Thirdstill looking…']);
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Sandbox');
    expect(screen.getByRole('tabpanel', { name: 'Sandbox' }).textContent).toBe(`${ADA_CARD.customer.id} in org-0`);
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);

    fireEvent.keyDown(tabs[0] as HTMLElement, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Brightwave');
    expect(document.activeElement?.textContent).toBe('Brightwave');
    expect(screen.getByRole('tabpanel').textContent).toBe('c-bright in org-bright');

    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'End' });
    expect(screen.getByRole('tab', { selected: true }).getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('tabpanel').textContent).toContain('Asking Third…');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Sandbox');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'ArrowLeft' });
    expect(screen.getByRole('tab', { selected: true }).textContent).toContain('Third');
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Home' });
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Sandbox');
  });

  it('shows a failed organisation with Retry, and the others untouched', () => {
    const { onRetry } = renderTabs(
      [
        { org: SANDBOX, status: 'known', card: ADA_CARD },
        { org: BRIGHTWAVE, status: 'error', error: { kind: 'network', message: 'Kustomer could not be reached.' } },
      ],
      'org-bright',
    );
    expect(screen.getByRole('tab', { name: /Brightwave/ }).textContent).toBe('Brightwavefailed');
    expect(screen.getByRole('alert').textContent).toContain('Kustomer could not be reached.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledWith('org-bright');
    fireEvent.click(screen.getByRole('tab', { name: 'Sandbox' }));
    expect(screen.getByRole('tabpanel').textContent).toBe(`${ADA_CARD.customer.id} in org-0`);
  });

  it('needs no tabs for one organisation: its chip names it', () => {
    renderTabs([{ org: BRIGHTWAVE, status: 'known', card: ADA_BRIGHT }]);
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(screen.getByText('Brightwave')).toBeTruthy();
    expect(screen.getByText('c-bright in org-bright')).toBeTruthy();
  });
});

describe('Org picker', () => {
  it('asks which organisation, first preselected, and remembers for the site when ticked', () => {
    const onPick = vi.fn();
    render(
      <OrgPicker orgs={[SANDBOX, BRIGHTWAVE]} site="https://shop.example" legend="Add the note in" onPick={onPick} />,
    );
    const group = screen.getByRole('group', { name: 'Add the note in' });
    expect((within(group).getByRole('radio', { name: 'Sandbox' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(group).getByRole('radio', { name: 'Brightwave' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Always use it on https://shop.example' }));
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onPick).toHaveBeenCalledWith('org-bright', true);
  });

  it('does not offer to remember without a site, and picks once', () => {
    const onPick = vi.fn();
    const onCancel = vi.fn();
    render(<OrgPicker orgs={[SANDBOX, BRIGHTWAVE]} legend="Look up in" onPick={onPick} onCancel={onCancel} />);
    expect(screen.queryByRole('checkbox')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(onPick).toHaveBeenCalledWith('org-0', false);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });
});

describe('Site default organisation', () => {
  it('offers "Ask each time" and every organisation, and says which site it is for', () => {
    const onChange = vi.fn();
    render(
      <SiteOrgSelect
        origin="https://shop.example"
        orgs={{ orgs: [SANDBOX, BRIGHTWAVE], defaults: { 'https://shop.example': 'org-bright' }, onChange }}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Organisation for https://shop.example' }) as HTMLSelectElement;
    expect(select.value).toBe('org-bright');
    expect([...select.options].map((option) => option.text)).toEqual(['Ask each time', 'Sandbox', 'Brightwave']);
    fireEvent.change(select, { target: { value: '' } });
    expect(onChange).toHaveBeenCalledWith('https://shop.example', null);
    fireEvent.change(select, { target: { value: 'org-0' } });
    expect(onChange).toHaveBeenLastCalledWith('https://shop.example', 'org-0');
  });

  it('is not shown with one organisation', () => {
    render(<SiteOrgSelect origin="https://a.example" orgs={{ orgs: [SANDBOX], defaults: {}, onChange: vi.fn() }} />);
    expect(screen.queryByRole('combobox')).toBeNull();
  });
});

describe('Connections in the options', () => {
  const rows: OrgConnectionStatus[] = [
    connection(SANDBOX),
    connection(BRIGHTWAVE, {
      state: 'error',
      error: { kind: 'unauthorized', message: 'Refused' },
      baseUrl: 'https://brightwave.api.kustomerapp.com',
      userName: undefined,
    }),
  ];
  function renderList(overrides: Partial<Parameters<typeof ConnectionsList>[0]['actions']> = {}) {
    const actions = {
      rename: vi.fn(async () => undefined),
      recolour: vi.fn(async () => undefined),
      move: vi.fn(async () => undefined),
      signOut: vi.fn(async () => undefined),
      ...overrides,
    };
    const renderConnect = vi.fn((request: object, done: () => void) => (
      <button type="button" onClick={done}>
        Connect {JSON.stringify(request).includes('reconnect') ? 'again' : 'new'}
      </button>
    ));
    render(<ConnectionsList rows={rows} actions={actions} renderConnect={renderConnect} />);
    return { actions, renderConnect };
  }

  it('lists each organisation with its chip, who is signed in and where, and a refused sign-in', () => {
    renderList();
    const items = within(screen.getByRole('list', { name: 'Connected organisations' })).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Sam Rivera on 127.0.0.1:4010');
    expect(items[1]?.textContent).toContain('brightwave.api.kustomerapp.com');
    expect(items[1]?.textContent).toContain('Kustomer refused the sign-in.');
    expect((screen.getByRole('button', { name: 'Move Sandbox up' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Move Brightwave down' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('renames, recolours, reorders and signs out of one organisation', async () => {
    const { actions } = renderList();
    fireEvent.click(screen.getByRole('button', { name: 'Rename Brightwave' }));
    fireEvent.input(screen.getByLabelText('New name for Brightwave'), { target: { value: 'Bright EU' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await waitFor(() => expect(actions.rename).toHaveBeenCalledWith('org-bright', 'Bright EU'));
    expect(await screen.findByText('Renamed to Bright EU.')).toBeTruthy();

    const colour = screen.getByRole('combobox', { name: 'Colour of Sandbox' }) as HTMLSelectElement;
    expect([...colour.options].map((option) => option.text)).toContain('Teal');
    fireEvent.change(colour, { target: { value: 'teal' } });
    await waitFor(() => expect(actions.recolour).toHaveBeenCalledWith('org-0', 'teal'));

    fireEvent.click(screen.getByRole('button', { name: 'Move Brightwave up' }));
    await waitFor(() => expect(actions.move).toHaveBeenCalledWith('org-bright', 0));

    fireEvent.click(screen.getByRole('button', { name: 'Sign out of Sandbox' }));
    await waitFor(() => expect(actions.signOut).toHaveBeenCalledWith('org-0'));
    expect(await screen.findByText('Signed out of Sandbox. The other organisations stay connected.')).toBeTruthy();
  });

  it('says why a change was refused', async () => {
    renderList({
      rename: vi.fn(async () => {
        throw new MessageError({ kind: 'validation', message: '"Sandbox" already names another organisation.' });
      }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Rename Brightwave' }));
    fireEvent.input(screen.getByLabelText('New name for Brightwave'), { target: { value: 'sandbox' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect((await screen.findByRole('alert')).textContent).toContain('already names another organisation');
  });

  it('gives a second organisation a colour the first one, shown as its summary, does not have', () => {
    render(
      <ConnectionsList
        rows={[]}
        taken={['blue']}
        actions={{ rename: vi.fn(), recolour: vi.fn(), move: vi.fn(), signOut: vi.fn() }}
        renderConnect={() => null}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add an organisation' }));
    expect((screen.getByRole('combobox', { name: 'Colour' }) as HTMLSelectElement).value).toBe('orange');
  });

  it('adds an organisation with a name and the first free colour, and reconnects one', () => {
    const { renderConnect } = renderList();
    fireEvent.click(screen.getByRole('button', { name: 'Add an organisation' }));
    expect((screen.getByRole('combobox', { name: 'Colour' }) as HTMLSelectElement).value).toBe('green');
    fireEvent.input(screen.getByLabelText('Short name'), { target: { value: ' Acme EU ' } });
    expect(renderConnect).toHaveBeenLastCalledWith({ label: 'Acme EU', colour: 'green' }, expect.any(Function));
    fireEvent.click(screen.getByRole('button', { name: 'Connect new' }));
    expect(screen.queryByLabelText('Short name')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Reconnect Brightwave' }));
    expect(renderConnect).toHaveBeenLastCalledWith(
      { reconnect: expect.objectContaining({ id: 'org-bright' }) },
      expect.any(Function),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Connect again' }));
    expect(screen.queryByRole('button', { name: 'Connect again' })).toBeNull();
  });
});
