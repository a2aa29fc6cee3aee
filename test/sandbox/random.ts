/** Seeded pseudo-random numbers (mulberry32) so that the same seed always yields the same data. */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  sample<T>(items: readonly T[], count: number): T[];
  /** A Kustomer-like id: 24 hex chars, the first 8 the creation time in seconds (as in a Mongo ObjectId). */
  objectId(at: number): string;
  /** An independent copy that continues from the same point. */
  clone(): Random;
}

export function createRandom(seed: number, startState?: number): Random {
  let state = startState ?? seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const hex = (length: number): string => {
    let out = '';
    while (out.length < length) out += Math.floor(next() * 16).toString(16);
    return out;
  };
  return {
    next,
    int,
    pick,
    chance: (probability) => next() < probability,
    sample: <T>(items: readonly T[], count: number): T[] => {
      const pool = [...items];
      const out: T[] = [];
      while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0] as T);
      return out;
    },
    objectId: (at) =>
      Math.floor(at / 1000)
        .toString(16)
        .padStart(8, '0')
        .slice(-8) + hex(16),
    clone: () => createRandom(seed, state),
  };
}
