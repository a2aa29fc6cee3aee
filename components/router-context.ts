import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { createRouter, type Router } from '../lib/ui/router';

export const RouterContext = createContext<Router>(createRouter());

/** The side panel's navigation. */
export function useRouter(): Router {
  return useContext(RouterContext);
}
