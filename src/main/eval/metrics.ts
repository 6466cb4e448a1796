// Scores for the evaluation report: accuracy, macro-F1 and a confusion matrix from (truth, prediction) pairs.

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
