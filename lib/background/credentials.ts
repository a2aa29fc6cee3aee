import { defineItem } from '../storage-item';
import { defineVaultItem, type VaultItem } from './credential-vault';

/**
 * The secret. Read and written ONLY by `connection.ts`; no other module imports this item (a unit test
 * enforces it, and pages cannot import anything under lib/background). Never logged.
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
