// A tiny seeded PRNG so data order, augmentation and synthesis replay exactly from the training seed.
import { mulberry32 } from '../../../shared/random/mulberry32.js';

export type Rng = () => number;

export const makeRng = (seed: number): Rng => mulberry32(seed);

export const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** Standard normal draw (Box–Muller). */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
