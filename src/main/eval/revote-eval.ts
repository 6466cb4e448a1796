// The app's own labelling scored by the harness: the embedding votes first, and a sound it calls tonal is voted
// again in the joined (descriptors + embedding) space, whose answer stands when it names an instrument too
// (src/main/services/tonal-revote.ts). Same protocols as a single space: cold start, then leave-one-group-out.
import { KnnClassifier } from '../intelligence/knn-classifier.js';
import { DRUMS, TONAL, score, subsetAccuracy } from './metrics.js';
import type { SpaceResult } from './evaluate.js';
import { groupsOf, type ScratchRow } from './scratch-library.js';

export interface SpaceRows {
  dim: number;
  data: Float32Array;
}

export function evaluateRevote(first: SpaceRows, second: SpaceRows, rows: ScratchRow[], trainIdx: number[], testIdx: number[], k: number): Pick<SpaceResult, 'coldStart' | 'withUserLabels'> {
  const vec = (sp: SpaceRows, i: number) => sp.data.subarray(i * sp.dim, (i + 1) * sp.dim);
  const voters = () => {
    const a = new KnnClassifier(first.dim, { k });
    const b = new KnnClassifier(second.dim, { k });
    return {
      a,
      set(i: number, source: 'builtin' | 'user') {
        a.setReference(i, rows[i].label, source, vec(first, i));
        b.setReference(i, rows[i].label, source, vec(second, i));
      },
      remove(i: number) {
        a.removeReference(i);
        b.removeReference(i);
      },
      predict(i: number): { truth: string; predicted: string } {
        const p = a.predict(vec(first, i)).label;
        const q = TONAL.has(p) ? b.predict(vec(second, i)).label : p;
        return { truth: rows[i].label, predicted: TONAL.has(q) ? q : p };
      },
    };
  };

  // Cold start: only the built-in references (train sources) vote; then open-set, as the app calibrates.
  const cs = voters();
  for (const i of trainIdx) cs.set(i, 'builtin');
  const closed = testIdx.map((i) => cs.predict(i));
  cs.a.calibrate();
  const open = testIdx.map((i) => cs.predict(i));
  const cold = score(closed);
  const drums = subsetAccuracy(closed, DRUMS);
  const tonal = subsetAccuracy(closed, TONAL);

  // With user labels: every test group but one labelled by the user, one group at a time.
  const us = voters();
  for (const i of trainIdx) us.set(i, 'builtin');
  for (const i of testIdx) us.set(i, 'user');
  const logo: Array<{ truth: string; predicted: string }> = [];
  for (const members of groupsOf(rows, testIdx)) {
    for (const i of members) us.remove(i);
    for (const i of members) logo.push(us.predict(i));
    for (const i of members) us.set(i, 'user');
  }
  return {
    coldStart: { ...cold, openSetAccuracy: score(open).accuracy, drumAccuracy: drums.acc, drumN: drums.n, instrumentAccuracy: tonal.acc, instrumentN: tonal.n },
    withUserLabels: { ...score(logo), drumAccuracy: subsetAccuracy(logo, DRUMS).acc, instrumentAccuracy: subsetAccuracy(logo, TONAL).acc },
  };
}
