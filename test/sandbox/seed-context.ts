import type { Random } from './random';
import type { SandboxStore } from './types';

/** Seeded records are dated before this instant, so that the same seed gives byte-identical data on any day. */
export const SEED_NOW = Date.parse('2026-11-01T12:00:00.000Z');
export const DAY = 86_400_000;

export const iso = (ms: number) => new Date(ms).toISOString();
export const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** What every part of the seed shares. */
export interface SeedContext {
  store: SandboxStore;
  random: Random;
  /** An instant between `minDays` and `maxDays` before SEED_NOW, to the hour. */
  past(maxDays: number, minDays?: number): number;
  /** Seeded records are created and last modified by the machine user. */
  by: { createdBy: string; modifiedBy: string };
}
