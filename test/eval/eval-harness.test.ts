import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { score, wilsonInterval } from '../../src/main/eval/metrics.js';
import { loadManifests } from '../../src/main/eval/manifest.js';
import { evaluate, shippedSetContains } from '../../src/main/eval/evaluate.js';
import { formatEvalMarkdown } from '../../src/main/eval/format-report.js';
import { evaluateRevote } from '../../src/main/eval/revote-eval.js';
import type { ScratchRow } from '../../src/main/eval/scratch-library.js';
import { hatVar, keysVar, kickVar, snareVar, writeWav } from '../services/fixture-library.js';

test('score: accuracy, per-class precision/recall and macro-F1 from pairs', () => {
  const s = score([
    { truth: 'kick', predicted: 'kick' },
    { truth: 'kick', predicted: 'snare' },
    { truth: 'snare', predicted: 'snare' },
    { truth: 'snare', predicted: 'unknown' },
  ]);
  assert.equal(s.accuracy, 0.5);
  assert.deepEqual(s.classes, ['kick', 'snare', 'unknown']);
  assert.deepEqual(s.confusion, [[1, 1, 0], [0, 1, 1], [0, 0, 0]]);
  const snare = s.perClass.find((c) => c.label === 'snare')!;
  assert.equal(snare.precision, 0.5);
  assert.equal(snare.recall, 0.5);
  assert.equal(s.macroF1, (2 / 3 + 0.5) / 2);
});

test('wilsonInterval: a 95% interval that narrows with n and stays inside 0..1', () => {
  // 186 of 217 (the drum-kit sort figure): about 80.4% to 89.7%.
  const mid = wilsonInterval(186, 217);
  assert.ok(Math.abs(mid.low - 0.8044) < 0.001 && Math.abs(mid.high - 0.8975) < 0.001, JSON.stringify(mid));
  const wide = wilsonInterval(6, 7);
  assert.ok(wide.high - wide.low > mid.high - mid.low, 'fewer sounds, wider interval');
  const all = wilsonInterval(50, 50);
  assert.equal(all.high, 1);
  assert.ok(all.low > 0.9 && all.low < 0.95, `all right out of 50: ${all.low}`);
  assert.deepEqual(wilsonInterval(0, 0), { low: 0, high: 1 });
});

test('the shipped reference set\'s own sources are not counted as unseen by it', () => {
  const contains = shippedSetContains(['fluidr3/piano/000.wav', 'sonicpi/tabla_ghe1.flac', 'synth/kick/808-1a2b']);
  assert.equal(contains('fluid-soundfont-gm'), true);
  assert.equal(contains('sonic-pi-samples'), true);
  assert.equal(contains('musescore-general-soundfont'), false);
  assert.equal(contains('someone-elses-pack'), false);
  assert.equal(shippedSetContains(['fluidr3/a.wav'])('sonic-pi-samples'), false);
});

test('evaluate: source split on a small synthesized manifest gives sane, complete figures', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-eval-test-'));
  try {
    const lines = ['path,label,source_package,instrument_name'];
    const gens: Array<[string, (i: number) => Float32Array]> = [['kick', kickVar], ['snare', snareVar], ['hihat_closed', hatVar], ['keys', keysVar]];
    const seedOffset: Record<string, number> = { packA: 0, packB: 5, packC: 10 };
    for (const source of ['packA', 'packB', 'packC']) {
      mkdirSync(join(dir, source));
      for (const [label, gen] of gens) {
        for (let i = 0; i < 4; i++) {
          // Names carry the label so file-name tagging can be scored; the harness hides them from the classifier.
          const p = join(dir, source, `${label} ${i}.wav`);
          writeWav(p, gen(i + seedOffset[source]));
          lines.push(`${p},${label},${source},${label}-${i % 2}`);
        }
      }
    }
    lines.push(`${join(dir, 'packA', 'kick 0.wav')},loop,packA,x`);
    writeFileSync(join(dir, 'm.csv'), lines.join('\n') + '\n');
    const { rows, skipped } = await loadManifests([join(dir, 'm.csv')]);
    assert.equal(rows.length, 48);
    assert.equal(skipped.length, 1);
    assert.match(skipped[0].reason, /'loop' is not a category/, JSON.stringify(skipped));
    const r = await evaluate(rows, { trainSources: ['packA'], embedding: false, workers: 1 });
    assert.deepEqual(r.split.test, ['packB', 'packC']);
    assert.equal(r.split.testRows, 32);
    const d = r.spaces[0];
    assert.equal(d.space, 'descriptors');
    assert.equal(d.coldStart.n, 32);
    assert.equal(d.coldStart.confusion.flat().reduce((a, b) => a + b, 0), 32);
    // Drum-kit sorting per test source: 12 drum sounds each, and together they are the overall figure.
    assert.deepEqual(d.drums8.bySource.map((b) => [b.source, b.n]), [['packB', 12], ['packC', 12]]);
    const mean = (f: (b: (typeof d.drums8.bySource)[number]) => number) => d.drums8.bySource.reduce((a, b) => a + f(b) * b.n, 0) / d.drums8.n;
    assert.ok(Math.abs(mean((b) => b.coldStart) - d.drums8.coldStart) < 1e-9);
    assert.ok(Math.abs(mean((b) => b.withUserLabels) - d.drums8.withUserLabels) < 1e-9);
    assert.deepEqual(d.drums8.cold.classes.slice(0, 3), ['hihat_closed', 'kick', 'snare']);
    assert.equal(d.drums8.cold.accuracy, d.drums8.coldStart);
    // Four well-separated synthetic kinds: a working pipeline labels most of the unseen pack right.
    assert.ok(d.coldStart.accuracy >= 0.75, `cold start ${d.coldStart.accuracy}`);
    assert.ok(d.withUserLabels.accuracy >= 0.75, `with user labels ${d.withUserLabels.accuracy}`);
    // Each query has only 2 same-kind sounds outside its own group among 14 candidates: 2/10 is a perfect score.
    assert.ok(d.similarPrecisionAt10 >= 0.15, `P@10 ${d.similarPrecisionAt10}`);
    assert.ok(d.mapTrustworthiness > 0.6 && d.mapTrustworthiness <= 1, `trust ${d.mapTrustworthiness}`);
    assert.equal(r.filenameTagging.n, 48);
    assert.ok(r.filenameTagging.accuracy >= 0.9, `names ${r.filenameTagging.accuracy}`);
    assert.match(formatEvalMarkdown(r), /\| descriptors \(\d+-d\) \|/);
    // Sub-tags: "keys" in a name reads as a piano; the test pack's pianos voted keys get it from the training pack's.
    assert.ok(d.subTags.named > 0, JSON.stringify(d.subTags));
    assert.ok(d.subTags.right <= d.subTags.given && d.subTags.given <= d.subTags.named, JSON.stringify(d.subTags));
    // Every test piano that was given a sub-tag sure enough to write got the right one.
    assert.ok(d.subTags.given >= 1 && d.subTags.right === d.subTags.given, JSON.stringify(d.subTags));
    const md = formatEvalMarkdown(r);
    assert.match(md, /Sub-tags at cold start \(descriptors\): of \d+ test sounds whose own names give their kind .* \d+\.\d% were given one sure enough to become a tag, and \d+\.\d% of those were right \(packB \d+ right of \d+ given, \d+ named.*\)\./);
    assert.match(md, /Drum kit sort with 95% intervals \(n=\d+\): descriptors cold \d+\.\d% \(\d+\.\d–\d+\.\d\)/);
    assert.match(md, /Drum kit sort by test source \(descriptors, cold \/ with user labels\): packB \d+\.\d% \/ \d+\.\d% \(n=12\); packC /);
    assert.match(md, /Drum kit sort, cold-start confusion \(descriptors\):\n\n```\ntruth\\pred +hh_clo +kick +snare/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the app\'s two-step vote as the harness scores it: tonal calls are voted again, drums and non-tonal answers are not', () => {
  // Rows: [label, source group, first-space vector, joined-space vector]. 'keys' sits nearest every tonal test sound
  // in the first space; the joined space tells strings from keys, and puts a snare next to the last keys sound.
  const data: Array<[string, string, number[], number[]]> = [
    ['keys', 'ref', [0, 0], [0, 0, 5]],
    ['strings', 'ref', [0.1, 0], [0.1, 0, 0]],
    ['kick', 'ref', [10, 10], [10, 10, 0]],
    ['snare', 'ref', [20, 0], [0, 0.02, 9]],
    ['strings', 't1', [0.01, 0], [0.01, 0, 0]],
    ['keys', 't2', [0, 0.01], [0, 0.01, 5]],
    ['kick', 't3', [10, 9.9], [10, 9.9, 0]],
    ['keys', 't4', [0, 0.02], [0, 0.02, 9]],
  ];
  const rows = data.map(([label, group], i) => ({ label, group, source: group === 'ref' ? 'a' : 'b', path: `${i}.wav`, anonPath: `${i}.wav` }) as unknown as ScratchRow);
  const first = { dim: 2, data: Float32Array.from(data.flatMap((d) => d[2])) };
  const second = { dim: 3, data: Float32Array.from(data.flatMap((d) => d[3])) };
  const r = evaluateRevote(first, second, rows, [0, 1, 2, 3], [4, 5, 6, 7], 3);
  // t1: keys → strings by the second vote; t2 stays keys; t3 is a drum, never re-voted; t4: the joined space says
  // snare, which is no instrument, so the first vote (keys) stands.
  assert.deepEqual(r.coldStart.confusion, [[2, 0, 0], [0, 1, 0], [0, 0, 1]]);
  assert.deepEqual(r.coldStart.classes, ['keys', 'kick', 'strings']);
  assert.equal(r.coldStart.accuracy, 1);
  assert.equal(r.coldStart.instrumentAccuracy, 1);
  assert.equal(r.withUserLabels.n, 4);
});
