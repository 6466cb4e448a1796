// Renders an evaluation report for people: a summary table per vector space, then the cold-start confusion matrix.
import type { EvalReport, SpaceResult } from './evaluate.js';
import { wilsonInterval, type Scores } from './metrics.js';

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
  return `| ${r.space} (${r.dim}-d) | ${pct(r.coldStart.accuracy)} | ${r.coldStart.macroF1.toFixed(3)} | ${pct(r.coldStart.openSetAccuracy)} | ${pct(r.coldStart.drumAccuracy)} (n=${r.coldStart.drumN}) | ${pct(r.drums8.coldStart)} | ${pct(r.coldStart.instrumentAccuracy)} (n=${r.coldStart.instrumentN}) | ${pct(r.withUserLabels.accuracy)} | ${pct(r.withUserLabels.drumAccuracy)} | ${pct(r.drums8.withUserLabels)} | ${pct(r.withUserLabels.instrumentAccuracy)} | ${pct(r.similarPrecisionAt10)} | ${r.mapTrustworthiness.toFixed(3)} |`;
}

/** An accuracy over n sounds with its 95% interval, e.g. "85.7% (80.4–89.7)". */
function withInterval(acc: number, n: number): string {
  const { low, high } = wilsonInterval(Math.round(acc * n), n);
  return `${pct(acc)} (${(100 * low).toFixed(1)}–${(100 * high).toFixed(1)})`;
}

function subTagLine(r: SpaceResult): string {
  const { named, given, right } = r.subTags;
  if (!named) return `Sub-tags at cold start (${r.space}): no test sound with its category voted right has a name that gives its kind.`;
  const bySource = r.subTags.bySource.map((b) => `${b.source} ${b.right} right of ${b.given} given, ${b.named} named`).join('; ');
  return `Sub-tags at cold start (${r.space}): of ${named} test sounds whose own names give their kind (ride, conga, e-piano…) and whose category was voted right, ${pct(given / named)} were given one sure enough to become a tag, and ${given ? pct(right / given) : '–'} of those were right (${bySource}).`;
}

export function formatEvalMarkdown(r: EvalReport): string {
  // The confusion shown is the app's own labelling (embedding + tonal re-vote) when it was evaluated, else the best.
  const best = r.spaces.find((s) => s.space === 'embedding+revote') ?? r.spaces.find((s) => s.space === 'embedding') ?? r.spaces.reduce((a, b) => (b.coldStart.accuracy > a.coldStart.accuracy ? b : a));
  return [
    `Train (built-in references): ${r.split.train.join(', ')} — ${r.split.trainRows} sounds. Test (the "user's library", names hidden): ${r.split.test.join(', ')} — ${r.split.testRows} sounds. ${r.files.failed.length} files failed to analyse. ${r.analyseSeconds < 1 ? 'Analysis reused from the kept scratch library' : `Analysis ${r.analyseSeconds.toFixed(0)} s`}, total ${r.seconds.toFixed(0)} s.`,
    '',
    '| vectors | cold-start acc (21 cl.) | cold-start macro-F1 | open-set acc | drum sounds, 21-cl. cold | drum kit sort, 8-cl. cold | instruments cold | with user labels (LOGO) | drum sounds LOGO | drum kit sort LOGO | instruments LOGO | similar P@10 | map trust@10 |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.spaces.map(row),
    '',
    // The re-vote never touches drums, so its drum-kit figures are the embedding's.
    `Drum kit sort with 95% intervals (n=${r.spaces[0]?.drums8.n ?? 0}): ${r.spaces.filter((s) => s.space !== 'embedding+revote').map((s) => `${s.space} cold ${withInterval(s.drums8.coldStart, s.drums8.n)}, with user labels ${withInterval(s.drums8.withUserLabels, s.drums8.n)}`).join('; ')}.`,
    `Drum kit sort by test source (${best.space}, cold / with user labels): ${best.drums8.bySource.map((b) => `${b.source} ${pct(b.coldStart)} / ${pct(b.withUserLabels)} (n=${b.n})`).join('; ')}.`,
    subTagLine(best),
    `File-name tagging (names visible): ${pct(r.filenameTagging.accuracy)} correct, ${pct(r.filenameTagging.coverage)} of files named a category (n=${r.filenameTagging.n}).`,
    r.embeddingNote ? `Embedding: ${r.embeddingNote}.` : '',
    r.shippedReferences
      ? `Cold start with the reference set the app ships (${r.shippedReferences.references} sounds, embedding space, on the ${r.shippedReferences.n} test sounds from sources it does not contain): ${pct(r.shippedReferences.accuracy)} (21 cl.), drum sounds ${pct(r.shippedReferences.drumAccuracy)}, drum kit sort ${pct(r.shippedReferences.drums8)}, instruments ${pct(r.shippedReferences.instrumentAccuracy)}.`
      : '',
    '',
    'Cold start: only the built-in references (train sources) vote, file names hidden. LOGO: the test library is labelled by the user except one group (instrument / sample) at a time, which is predicted from the built-in references plus those labels. "Drum sounds, 21-cl." = accuracy on drum test sounds when any category may be predicted; "drum kit sort, 8-cl." = only drum references and drum sounds. Similar P@10 = share of the 10 nearest test sounds from other groups with the same category. "embedding+revote" = what the app does: the embedding votes, and a sound it calls tonal is voted again in "both" (similar search and the map stay on the embedding).',
    '',
    `Cold-start confusion (${best.space}):`,
    '',
    '```',
    confusionTable(best.coldStart),
    '```',
    '',
    `Drum kit sort, cold-start confusion (${best.space}):`,
    '',
    '```',
    confusionTable(best.drums8.cold),
    '```',
  ].join('\n');
}
