import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConnectionId } from '../lib/messaging/model';
import { createRouter, type Router } from '../lib/ui/router';

export const RouterContext = createContext<Router>(createRouter());

/** The side panel's navigation. */
export function useRouter(): Router {
  return useContext(RouterContext);
}

/**
 * Opens the reconnect form of one organisation, where the page can (the side panel); null elsewhere (the options
 * page shows its list beside the error).
 */
export const ReconnectContext = createContext<((connectionId: ConnectionId) => void) | null>(null);
