import { computed, signal } from '@preact/signals';
import type { ConnectionId, PanelIntent } from '../messaging/model';
import type { CustomerCardLoad } from './customer-card';

export type QuickNoteIntent = Extract<PanelIntent, { kind: 'quickNote' }>;

/** Every screen of the side panel and what it needs to load. */
export type Route =
  | { name: 'lookup' }
  | {
      name: 'customer';
      email?: string;
      /** A phone number in any written form (a page's, a search's); the background reads it. */
      phone?: string;
      customerId?: string;
      /** The organisation of `customerId`; for an address or a number, the one whose card is preferred. */
      connectionId?: ConnectionId;
      refresh?: boolean;
      /** The card's load when it started before the screen (an intent's lookup leaves on arrival). */
      card?: CustomerCardLoad;
    }
  | { name: 'createCustomer'; email: string; phone?: string; connectionId?: ConnectionId }
  /** "Log a call": a message on channel voice; without a customer, one is created with the number. */
  | { name: 'logCall'; phone: string; customerId?: string; customerName?: string }
  | { name: 'conversations'; customerId: string; customerName: string }
  | { name: 'conversation'; conversationId: string; customerId: string }
  | { name: 'newConversation'; customerId: string; customerName: string }
  | { name: 'quickNote'; intent: QuickNoteIntent }
  | {
      name: 'kobjects';
      customerId: string;
      companyId?: string;
      customerName: string;
      /** A KObject a search found by its external id: shown marked and scrolled to. */
      kobjectId?: string;
    }
  | { name: 'company'; companyId: string }
  | { name: 'history'; customerId: string; customerName: string }
  | { name: 'newKObject'; customerId: string; customerName: string }
  | { name: 'outbox' }
  /** The connected organisations: add, rename, reconnect, sign out; `reconnect` opens that one's form. */
  | { name: 'organisations'; reconnect?: ConnectionId };

export type RouteName = Route['name'];

export interface Router {
  /** The screen shown now. */
  readonly current: Route;
  readonly canGoBack: boolean;
  /** Opens a screen on top of the current one (Back returns). */
  navigate(route: Route): void;
  /** Replaces the current screen (no Back entry). */
  replace(route: Route): void;
  /** Starts over from one screen. */
  reset(route: Route): void;
  /** Returns to the previous screen; false if there is none. */
  back(): boolean;
}

/** A signal-based navigation stack: simple, testable, no URL state to sanitise. */
export function createRouter(initial: Route = { name: 'lookup' }): Router {
  const stack = signal<Route[]>([initial]);
  const current = computed(() => stack.value[stack.value.length - 1] ?? initial);
  return {
    get current() {
      return current.value;
    },
    get canGoBack() {
      return stack.value.length > 1;
    },
    navigate(route) {
      stack.value = [...stack.value, route].slice(-30);
    },
    replace(route) {
      stack.value = [...stack.value.slice(0, -1), route];
    },
    reset(route) {
      stack.value = [route];
    },
    back() {
      if (stack.value.length <= 1) return false;
      stack.value = stack.value.slice(0, -1);
      return true;
    },
  };
}
