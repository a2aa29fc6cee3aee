import type { DiagnosticEvent, ErrorInfo } from '../messaging/model';
import { defineItem } from '../storage-item';

/**
 * Background-only items that lib/storage.ts does not declare. Session storage: they describe open
 * tabs, which end with the browser; the worker may be stopped any time in between.
 */

/**
 * Why the saved connection stopped working (Kustomer refused its key or token while in use). Cleared by
 * a successful test, a new connection or sign-out.
 */
export const connectionProblemItem = defineItem<ErrorInfo | null>('session:connectionProblem', {
  fallback: null,
});

/** The diagnostics log (`diagnostics.ts`): the background's recent failures, without secrets or customer data. */
export const diagnosticsItem = defineItem<DiagnosticEvent[]>('session:diagnostics', { fallback: [] });
