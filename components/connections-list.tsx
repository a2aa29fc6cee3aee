import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n/t';
import { errorInfoOf } from '../lib/messaging/errors';
import type { ErrorInfo } from '../lib/messaging/model';
import {
  CONNECTION_COLOURS,
  type ConnectionColour,
  type ConnectionId,
  type OrgConnectionStatus,
} from '../lib/messaging/model';
import { OrgChip } from './org-chip';
import { ErrorNotice } from './status-views';

/** What the list asks of the background; each answers when the change is stored. */
export interface ConnectionActions {
  rename: (id: ConnectionId, label: string) => Promise<void>;
  recolour: (id: ConnectionId, colour: ConnectionColour) => Promise<void>;
  /** Moves the connection to `index` in the agent's order. */
  move: (id: ConnectionId, index: number) => Promise<void>;
  signOut: (id: ConnectionId) => Promise<void>;
}

/** The connect form, for a new organisation (with the label and colour chosen) or to reconnect one. */
export type RenderConnect = (
  request: { reconnect: OrgConnectionStatus } | { label?: string; colour: ConnectionColour },
  done: () => void,
) => ComponentChildren;

const COLOUR_NAMES = {
  blue: 'orgs.colour.blue',
  orange: 'orgs.colour.orange',
  green: 'orgs.colour.green',
  purple: 'orgs.colour.purple',
  teal: 'orgs.colour.teal',
  red: 'orgs.colour.red',
  olive: 'orgs.colour.olive',
  grey: 'orgs.colour.grey',
} as const satisfies Record<ConnectionColour, string>;

/** The colour's name in the agent's language (a screen reader says it; the picker lists it). */
export const colourName = (colour: ConnectionColour) => t(COLOUR_NAMES[colour]);

function ColourSelect({
  id,
  label,
  name,
  value,
  onChange,
}: {
  id: string;
  label: string;
  /** The accessible name when the visible label alone is ambiguous (one select per organisation). */
  name?: string;
  value: ConnectionColour;
  onChange: (colour: ConnectionColour) => void;
}) {
  return (
    <span class="row nowrap">
      <label for={id}>{label}</label>
      <select
        id={id}
        aria-label={name}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value as ConnectionColour)}
      >
        {CONNECTION_COLOURS.map((colour) => (
          <option key={colour} value={colour}>
            {colourName(colour)}
          </option>
        ))}
      </select>
      <span class="org-dot" data-colour={value} aria-hidden="true" />
    </span>
  );
}

/**
 * The options page's organisations: add one (API key or OAuth, where, a short name and a colour), rename,
 * recolour, reorder (the first is the default where nothing else decides), reconnect and sign out of one.
 */
export function ConnectionsList({
  rows,
  actions,
  renderConnect,
  empty,
  taken = rows.map((row) => row.colour),
  reconnect,
}: {
  /** In the agent's order; one in `error` state stopped working (Kustomer refused its credential). */
  rows: OrgConnectionStatus[];
  actions: ConnectionActions;
  renderConnect: RenderConnect;
  /** What stands in for an empty list (a single organisation's summary); by default a hint. */
  empty?: ComponentChildren;
  /** The colours of every connected organisation, the one shown as `empty` too; by default the rows'. */
  taken?: readonly ConnectionColour[];
  /** The organisation whose reconnect form is open from the start (the panel's "Connect again"). */
  reconnect?: ConnectionId | undefined;
}) {
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [message, setMessage] = useState('');
  const [adding, setAdding] = useState(false);
  const [newLabel, setNewLabel] = useState('');
  const used = new Set(taken);
  const [newColour, setNewColour] = useState<ConnectionColour>(
    CONNECTION_COLOURS.find((colour) => !used.has(colour)) ?? 'blue',
  );
  const run = async (work: () => Promise<void>, done: string) => {
    setError(null);
    setMessage('');
    try {
      await work();
      setMessage(done);
    } catch (caught) {
      setError(errorInfoOf(caught));
    }
  };
  return (
    <div class="stack">
      {rows.length === 0 ? (
        (empty ?? <p class="hint">{t('orgs.list.none')}</p>)
      ) : (
        <ul class="org-list" aria-label={t('orgs.list.label')}>
          {rows.map((row, index) => (
            <ConnectionItem
              key={row.id}
              row={row}
              index={index}
              count={rows.length}
              run={run}
              actions={actions}
              renderConnect={renderConnect}
              reconnectOpen={row.id === reconnect}
            />
          ))}
        </ul>
      )}
      {adding ? (
        <div class="stack">
          <label for="org-new-label">{t('orgs.list.name')}</label>
          <input
            id="org-new-label"
            value={newLabel}
            maxLength={24}
            aria-describedby="org-new-label-hint"
            onInput={(event) => setNewLabel(event.currentTarget.value)}
          />
          <p id="org-new-label-hint" class="hint">
            {t('orgs.list.nameHint')}
          </p>
          <ColourSelect id="org-new-colour" label={t('orgs.list.colour')} value={newColour} onChange={setNewColour} />
          {renderConnect({ label: newLabel.trim() || undefined, colour: newColour }, () => {
            setAdding(false);
            setNewLabel('');
          })}
          <button type="button" onClick={() => setAdding(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t('orgs.list.add')}
        </button>
      )}
      <div aria-live="polite" role="status">
        {message && <p class="ok">{message}</p>}
      </div>
      {error && <ErrorNotice error={error} />}
    </div>
  );
}

function ConnectionItem({
  row,
  index,
  count,
  run,
  actions,
  renderConnect,
  reconnectOpen,
}: {
  row: OrgConnectionStatus;
  index: number;
  count: number;
  run: (work: () => Promise<void>, done: string) => Promise<void>;
  actions: ConnectionActions;
  renderConnect: RenderConnect;
  reconnectOpen: boolean;
}) {
  const connection = row;
  const { id, label } = connection;
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(label);
  const [reconnecting, setReconnecting] = useState(reconnectOpen);
  const who = connection.userName ?? connection.userEmail;
  const host = new URL(connection.baseUrl).host;
  return (
    <li data-colour={connection.colour}>
      <div class="row spread">
        <OrgChip org={connection} />
        <span class="hint">{who ? t('orgs.list.userOn', { user: who, host }) : host}</span>
      </div>
      {connection.state === 'error' && <p class="badge badge-failed">{t('orgs.list.problem')}</p>}
      {renaming ? (
        <form
          class="row nowrap"
          onSubmit={(event) => {
            event.preventDefault();
            void run(
              async () => {
                await actions.rename(id, name);
                setRenaming(false);
              },
              t('orgs.list.renamed', { label: name.trim() }),
            );
          }}
        >
          <label for={`org-name-${id}`} class="visually-hidden">
            {t('orgs.list.nameOf', { label })}
          </label>
          <input
            id={`org-name-${id}`}
            value={name}
            maxLength={24}
            onInput={(event) => setName(event.currentTarget.value)}
          />
          <button type="submit">{t('orgs.list.save')}</button>
          <button type="button" onClick={() => setRenaming(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <div class="row">
          <button type="button" aria-label={t('orgs.list.renameFor', { label })} onClick={() => setRenaming(true)}>
            {t('orgs.list.rename')}
          </button>
          <ColourSelect
            id={`org-colour-${id}`}
            label={t('orgs.list.colour')}
            name={t('orgs.list.colourOf', { label })}
            value={connection.colour}
            onChange={(colour) => run(() => actions.recolour(id, colour), t('orgs.list.recoloured', { label }))}
          />
        </div>
      )}
      <div class="row">
        <button
          type="button"
          disabled={index === 0}
          aria-label={t('orgs.list.moveUpFor', { label })}
          onClick={() => run(() => actions.move(id, index - 1), t('orgs.list.moved', { label }))}
        >
          {t('orgs.list.moveUp')}
        </button>
        <button
          type="button"
          disabled={index === count - 1}
          aria-label={t('orgs.list.moveDownFor', { label })}
          onClick={() => run(() => actions.move(id, index + 1), t('orgs.list.moved', { label }))}
        >
          {t('orgs.list.moveDown')}
        </button>
        <button
          type="button"
          aria-expanded={reconnecting}
          aria-label={t('orgs.list.reconnectFor', { label })}
          onClick={() => setReconnecting(!reconnecting)}
        >
          {t('orgs.list.reconnect')}
        </button>
        <button
          type="button"
          aria-label={t('orgs.list.signOutFor', { label })}
          onClick={() => run(() => actions.signOut(id), t('orgs.list.signedOut', { label }))}
        >
          {t('orgs.list.signOut')}
        </button>
      </div>
      {reconnecting && renderConnect({ reconnect: connection }, () => setReconnecting(false))}
    </li>
  );
}
