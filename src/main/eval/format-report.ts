// Renders an evaluation report for people: a summary table per vector space, then the cold-start confusion matrix.
import type { EvalReport, SpaceResult } from './evaluate.js';
import type { Scores } from './metrics.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function confusionTable(s: Scores): string {
  const short = (c: string) => c.replace('hihat_', 'hh_').slice(0, 6);
  const lines = [['truth\\pred', ...s.classes.map(short)].map((c, i) => (i === 0 ? c.padEnd(12) : c.padStart(6))).join(' ')];
  s.classes.forEach((c, i) => {
    if (i >= s.confusion.length || s.confusion[i].every((x) => x === 0)) return;
    lines.push([c.padEnd(12), ...s.confusion[i].map((x) => String(x || '.').padStart(6))].join(' '));
  });
  return lines.join('\n');
}

function row(r: SpaceResult): string {
  return `| ${r.space} (${r.dim}-d) | ${pct(r.coldStart.accuracy)} | ${r.coldStart.macroF1.toFixed(3)} | ${pct(r.coldStart.openSetAccuracy)} | ${pct(r.coldStart.drumAccuracy)} (n=${r.coldStart.drumN}) | ${pct(r.coldStart.instrumentAccuracy)} (n=${r.coldStart.instrumentN}) | ${pct(r.withUserLabels.accuracy)} | ${pct(r.withUserLabels.drumAccuracy)} | ${pct(r.withUserLabels.instrumentAccuracy)} | ${pct(r.similarPrecisionAt10)} | ${r.mapTrustworthiness.toFixed(3)} |`;
}

export function formatEvalMarkdown(r: EvalReport): string {
  const best = r.spaces[0];
  return [
    `Train (built-in references): ${r.split.train.join(', ')} — ${r.split.trainRows} sounds. Test (the "user's library", names hidden): ${r.split.test.join(', ')} — ${r.split.testRows} sounds. ${r.files.failed.length} files failed to analyse. Analysis ${r.analyseSeconds.toFixed(0)} s, total ${r.seconds.toFixed(0)} s.`,
    '',
    '| vectors | cold-start acc | cold-start macro-F1 | open-set acc | drums (8 cl.) cold | instruments cold | with user labels (LOGO) | drums LOGO | instruments LOGO | similar P@10 | map trust@10 |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.spaces.map(row),
    '',
    `File-name tagging (names visible): ${pct(r.filenameTagging.accuracy)} correct, ${pct(r.filenameTagging.coverage)} of files named a category (n=${r.filenameTagging.n}).`,
    r.embeddingNote ? `Embedding: ${r.embeddingNote}.` : '',
    '',
    `Cold-start confusion (${best.space}):`,
    '',
    '```',
    confusionTable(best.coldStart),
    '```',
  ].join('\n');
}
