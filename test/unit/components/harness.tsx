import { cleanup, render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { afterEach, type Mock, vi } from 'vitest';
import { RouterContext } from '../../../components/router-context';
import { MessageError } from '../../../lib/messaging/errors';
import type { ErrorInfo } from '../../../lib/messaging/model';
import type { RequestOutput, RequestType } from '../../../lib/messaging/protocol';
import { setAppDrafts } from '../../../lib/ui/app-drafts';
import type { Draft } from '../../../lib/ui/drafts';
import { createDraftStore } from '../../../lib/ui/drafts';
import { outboxItems } from '../../../lib/ui/outbox-store';
import { createRouter, type Router } from '../../../lib/ui/router';

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

type Handler<K extends RequestType> = (input: never) => RequestOutput<K> | Promise<RequestOutput<K>>;
export type Handlers = { [K in RequestType]?: Handler<K> | RequestOutput<K> };

/** Answers the mocked `request` from a table; a request without an entry fails loudly. */
export function answer(request: unknown, handlers: Handlers): void {
  (request as Mock).mockImplementation(async (type: RequestType, input: unknown) => {
    if (!(type in handlers)) throw new MessageError({ kind: 'internal', message: `unexpected request ${type}` });
    const entry = handlers[type];
    return typeof entry === 'function' ? (entry as (input: unknown) => unknown)(input) : entry;
  });
}

/** A request that never answers (to see loading states). */
export const never = () => new Promise<never>(() => undefined);

/** A request that fails with the given error. */
export const fails = (info: ErrorInfo) => () => Promise.reject(new MessageError(info));

/** Fresh in-memory drafts for each test; returns what was saved. */
export async function useMemoryDrafts(initial: Record<string, Draft> = {}) {
  let saved = initial;
  const store = createDraftStore({
    getValue: async () => saved,
    setValue: async (next) => {
      saved = next;
    },
  });
  setAppDrafts(store);
  await store.ready;
  outboxItems.value = [];
  return { store, saved: () => saved };
}

/** Renders inside a router (a fresh one unless given). */
export function renderInRouter(ui: ComponentChildren, router: Router = createRouter()) {
  const utils = render(<RouterContext.Provider value={router}>{ui}</RouterContext.Provider>);
  return { ...utils, router };
}
