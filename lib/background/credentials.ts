import { defineItem } from '../storage-item';
import { defineVaultItem, type VaultItem } from './credential-vault';

/**
 * A connection's secret. Stored per connection by `connections-credentials.ts`; `credentialsItem` below is the
 * single connection's of before, read only by the upgrade's caller (a unit test enforces it, and pages cannot
 * import anything under lib/background). Never logged.
 */
export type Credentials =
  | { method: 'apiKey'; apiKey: string }
  | {
      method: 'oauth';
      accessToken: string;
      refreshToken?: string;
      /** Epoch ms. */
      expiresAt: number;
      clientId: string;
      clientSecret?: string;
    };

/** Firefox cannot lock `storage.local` away from content scripts: there the secret lives in IndexedDB. */
export const credentialsItem: VaultItem<Credentials | null> = import.meta.env.FIREFOX
  ? defineVaultItem<Credentials | null>('credentials', null)
  : defineItem<Credentials | null>('local:credentials', { fallback: null });
