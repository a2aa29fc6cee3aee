import {
  ADA,
  keysForOrg,
  SANDBOX_KEYS,
  SANDBOX_ORG_ID,
  SANDBOX_ORG_NAME,
  SANDBOX_POD,
  type SandboxKeys,
} from './fixtures';

/**
 * Who an organisation of the sandbox is. Every sandbox has one (DEFAULT_ORG, today's data and keys); a multi-org
 * sandbox (multi-org.ts) runs several side by side, each with its own data, keys, rate limits and faults.
 */
export interface OrgIdentity {
  /** Its subdomain: the API answers at `https://{slug}.api.kustomerapp.com` (API.md, Hosts and auth). */
  slug: string;
  /** 24 hex chars: what `relationships.org` of every resource names. */
  id: string;
  /** The pod (region) it lives in: prod1 (US), prod2 (EU), prod4 (India). */
  pod: string;
  /**
   * Replaces the first 8 hex chars (`5f1a0ada`) of the fixed ids of fixtures.ts, so that no record, user or token
   * id is shared between two organisations of one sandbox (as in Kustomer, where ids are global).
   */
  idPrefix: string;
  keys: SandboxKeys;
  /**
   * `primary`: the fixtures of fixtures.ts (ADA, GRACE, …). `secondary`: another brand's data, where only Ada is
   * known too (with other data: ADA_ELSEWHERE) and HEDY is known alone (seedSecondaryOrg).
   */
  profile: 'primary' | 'secondary';
}

/** The prefix of every fixed id in fixtures.ts. */
export const FIXED_ID_PREFIX = '5f1a0ada';

/** The sandbox's one organisation when nothing else is asked for: the data, ids and keys every test knows. */
export const DEFAULT_ORG: OrgIdentity = {
  slug: SANDBOX_ORG_NAME,
  id: SANDBOX_ORG_ID,
  pod: SANDBOX_POD,
  idPrefix: FIXED_ID_PREFIX,
  keys: SANDBOX_KEYS,
  profile: 'primary',
};

/** A second brand for multi-org tests: same pod, its own data (see ADA_ELSEWHERE, HEDY). */
export const SECOND_ORG_SLUG = 'brightwave';

/** Builds an organisation's identity from its slug; ids and keys follow from it, so a slug names one org. */
export function orgIdentity(
  slug: string,
  options: { pod?: string; profile?: OrgIdentity['profile'] } = {},
): OrgIdentity {
  if (slug === DEFAULT_ORG.slug) return DEFAULT_ORG;
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) throw new Error(`"${slug}" is not an organisation slug`);
  const hash = [...slug].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) >>> 0, 7);
  const hex = hash.toString(16).padStart(8, '0').slice(-8);
  const id = `5f1a0c0de${hex}0000000`.slice(0, 24);
  return {
    slug,
    id,
    pod: options.pod ?? SANDBOX_POD,
    // A prefix that no seeded id can have (seeded ids start with a 2024–2026 timestamp, 65…–69…).
    idPrefix: `5f1b${hex.slice(-4)}`,
    keys: keysForOrg(id),
    profile: options.profile ?? 'secondary',
  };
}

/** A fixed id of fixtures.ts as the organisation `org` has it (unchanged in the primary organisation). */
export function fixedIdIn(org: OrgIdentity, id: string): string {
  return id.startsWith(FIXED_ID_PREFIX) ? org.idPrefix + id.slice(FIXED_ID_PREFIX.length) : id;
}

/**
 * Ada as a secondary organisation knows her: the same address (ADA.email), everything else different, so a test
 * can tell which organisation answered. Ids are in the organisation's prefix: `fixedIdIn(org, ADA_ELSEWHERE.id)`.
 */
export const ADA_ELSEWHERE = {
  id: ADA.id,
  name: 'Ada King',
  email: ADA.email,
  phone: '+1 212 555 0199',
  phoneE164: '+12125550199',
  externalId: 'bw-ada-77',
  tags: ['wholesale'],
  loyaltyTier: 'bronze',
  /** Her one conversation there (open). */
  conversationId: '5f1a0ada0000000000000d71',
  conversationSubject: 'Wholesale price list',
} as const;

/** Known in a secondary organisation only. */
export const HEDY = {
  id: '5f1a0ada0000000000000c71',
  name: 'Hedy Lamarr',
  email: 'hedy.lamarr@example.com',
  phone: '+43 1 5320 7700',
  phoneE164: '+43153207700',
} as const;
