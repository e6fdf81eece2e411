import { v7 } from 'uuid';

/** mulberry32: a tiny seeded PRNG, so every machine generates the same demo data. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (maxExclusive: number) => Math.floor(next() * maxExclusive),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    /** A UUIDv7 at the given instant with seeded random bits: deterministic yet time-ordered. */
    uuid: (at: Date) => v7({ msecs: at.getTime(), seq: 0, random: Uint8Array.from({ length: 16 }, () => Math.floor(next() * 256)) }),
  };
}
