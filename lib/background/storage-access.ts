import type { StorageAreasWithAccessLevel } from './platform';

/**
 * Restricts storage.local and storage.session to extension pages and the worker, so a content script
 * (which runs beside untrusted page code) gets "Access to storage is not allowed from this context".
 * `local` defaults to content-script access in Chrome; `session` does not, but we say so explicitly.
 */
export async function restrictStorageToTrustedContexts(areas: StorageAreasWithAccessLevel): Promise<void> {
  await Promise.all([
    areas.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }),
    areas.session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }),
  ]);
}
