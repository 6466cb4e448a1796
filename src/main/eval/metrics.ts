// Scores for the evaluation report: accuracy, macro-F1 and a confusion matrix from (truth, prediction) pairs, and how
// far an accuracy measured on a few hundred sounds can be trusted.
import { CATEGORIES, DRUM_CATEGORIES } from '../../shared/taxonomy/categories.js';

export const TONAL: ReadonlySet<string> = new Set(CATEGORIES.filter((c) => c.group === 'tonal').map((c) => c.id as string));
export const DRUMS: ReadonlySet<string> = new Set(DRUM_CATEGORIES as readonly string[]);

/** Accuracy over the pairs whose truth is in `set`. */
export function subsetAccuracy(pairs: ReadonlyArray<{ truth: string; predicted: string }>, set: ReadonlySet<string>): { acc: number; n: number } {
  const sub = pairs.filter((p) => set.has(p.truth));
  return { acc: sub.length ? sub.filter((p) => p.truth === p.predicted).length / sub.length : 0, n: sub.length };
}

export interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  /** Classes in matrix order (truth classes, plus any predicted-only class such as 'unknown'). */
  classes: string[];
  /** confusion[truth][predicted]. */
  confusion: number[][];
  perClass: Array<{ label: string; precision: number; recall: number; f1: number; support: number }>;
}

export function score(pairs: ReadonlyArray<{ truth: string; predicted: string }>): Scores {
  const truths = [...new Set(pairs.map((p) => p.truth))].sort();
  const extra = [...new Set(pairs.map((p) => p.predicted))].filter((c) => !truths.includes(c)).sort();
  const classes = [...truths, ...extra];
  const at = new Map(classes.map((c, i) => [c, i]));
  const confusion = classes.map(() => new Array<number>(classes.length).fill(0));
  for (const p of pairs) confusion[at.get(p.truth)!][at.get(p.predicted)!]++;
  const perClass = truths.map((label) => {
    const i = at.get(label)!;
    const tp = confusion[i][i];
    const support = confusion[i].reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[i], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    return { label, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support };
  });
  const correct = pairs.filter((p) => p.truth === p.predicted).length;
  return { n: pairs.length, accuracy: pairs.length ? correct / pairs.length : 0, macroF1: perClass.length ? perClass.reduce((a, c) => a + c.f1, 0) / perClass.length : 0, classes, confusion, perClass };
}

/**
 * 95% Wilson score interval for `hits` successes out of `n`: honest near 0% and 100%, where the textbook ±1.96·SE
 * interval spills past the ends. A drum figure over 217 sounds moves ±4–5 points with the luck of the draw.
 */
export function wilsonInterval(hits: number, n: number, z = 1.96): { low: number; high: number } {
  if (!(n > 0)) return { low: 0, high: 1 };
  const p = hits / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
