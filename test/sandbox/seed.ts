import { MACHINE_USER } from './fixtures';
import type { Random } from './random';
import { SEED_NOW, type SeedContext } from './seed-context';
import { seedDirectory } from './seed-directory';
import { seedKObjects } from './seed-kobjects';
import { seedTimeline } from './seed-timeline';
import type { SandboxStore } from './types';

export { SEED_NOW } from './seed-context';
export { recordMessageOnConversation } from './seed-timeline';

export function emptyStore(): SandboxStore {
  return {
    customers: new Map(),
    companies: new Map(),
    conversations: new Map(),
    messages: new Map(),
    notes: new Map(),
    users: new Map(),
    klasses: new Map(),
    kobjects: new Map(),
    subStatuses: new Map(),
    bulkJobs: new Map(),
    auditLogs: [],
  };
}

/** Fills a store with deterministic, realistic data for `random`'s seed. */
export function seedStore(store: SandboxStore, random: Random): void {
  const context: SeedContext = {
    store,
    random,
    past: (maxDays, minDays = 0) => SEED_NOW - random.int(minDays * 24, maxDays * 24) * 3_600_000,
    by: { createdBy: MACHINE_USER.id, modifiedBy: MACHINE_USER.id },
  };
  seedDirectory(context);
  seedTimeline(context);
  seedKObjects(context);
}
