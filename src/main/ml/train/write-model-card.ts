// Regenerates docs/model-card.md from assets/model/training-report.json, so the card always describes the weights
// actually shipped. Run after training: node --import tsx src/main/ml/train/write-model-card.ts
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultModelDir } from '../model-io.js';
import { CATEGORIES } from '../taxonomy.js';

interface Acc { n: number; accuracy: number }
interface Report {
  seed: number; epochs: number; plannedEpochs: number; variants: number; synthPerClass: number; familySynthPerClass?: number; productionAugment?: boolean; batchSize: number; lr: number;
  backend: string; machine: string; trainSources: string[]; heldOutSources: string[]; trainCounts: Record<string, number>;
  trainExamples: number; heldOutExamples: number; prepSeconds: number; trainSeconds: number; heldOutAccuracy: number;
  heldOut: { bySource: Record<string, Acc>; byClass: Record<string, Acc>; confusion: number[][] };
  history: Array<{ epoch: number; loss: number; heldOutAccuracy: number; seconds: number }>;
}

const dir = defaultModelDir();
const r = JSON.parse(await readFile(join(dir, 'training-report.json'), 'utf8')) as Report;
const model = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as { config: { version: string; channels: number[]; embeddingDim: number } };
const size = (await stat(join(dir, 'weights.bin'))).size;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const cfg = model.config;

const classRows = CATEGORIES.map((c) => {
  const h = r.heldOut.byClass[c];
  return `| ${c} | ${r.trainCounts[c] ?? 0} | ${h ? h.n : 0} | ${h ? pct(h.accuracy) : '—'} |`;
});
const abbrev = (c: string): string => c.replace('hihat_', 'hh_').slice(0, 6);
const confusion = [
  `| true \\ predicted | ${CATEGORIES.map(abbrev).join(' | ')} |`,
  `|---|${CATEGORIES.map(() => '---').join('|')}|`,
  ...CATEGORIES.map((c, i) => r.heldOut.confusion[i].some((v) => v > 0) ? `| ${c} | ${r.heldOut.confusion[i].map((v) => (v ? String(v) : '·')).join(' | ')} |` : '').filter(Boolean),
];

const md = `# Model card: Sonoteca sound embedding (${cfg.version})

The neural embedding behind Sonoteca's "similar sounds", 2-D map and category suggestions. Trained by us from
scratch, shipped in \`assets/model/\` (model.json + weights.bin, ${(size / 1024).toFixed(0)} KB), run offline with
TensorFlow.js (tfjs-node when installed, else WebAssembly+SIMD, else plain JS). Regenerate this card with
\`node --import tsx src/main/ml/train/write-model-card.ts\` after training.

## Intended use
- Input: any mono one-shot (drum hit, note, FX) at any sample rate. Output: a ${cfg.embeddingDim}-d unit vector
  (cosine similarity = dot product) and softmax probabilities over ${CATEGORIES.length} categories.
- Similarity search and maps over a user's library; category *suggestions* shown with their probability.
- Not for loops as a whole (only the first ~1.5 s is seen), not for speech/music tagging, not for any decision
  about people.

## Input
Log-mel patch, 64 mel bands (30 Hz–11 kHz) × 64 frames (1024-sample Hann window, hop 512 at 22.05 kHz
equivalents; computed at the file's own rate by scaling window/hop, so no resampling) = 1.49 s starting 5 ms
before the sound's onset (first sample within 50 dB of the peak). Per-example normalisation: dB relative to the
patch maximum, floored at −80 dB, mapped to [−1, 1]; shorter sounds are padded with −1. Gain does not matter.

## Architecture
${cfg.channels.length} conv blocks (3×3, ${cfg.channels.join('/')} channels, ReLU, 2×2 max-pool after all but the last) →
global mean ‖ max pooling → dense ${cfg.embeddingDim} → L2 normalisation = embedding. Training head: cosine classifier
(scale 16) over the embedding, i.e. class centres on the same sphere, so nearness in the embedding is what the
classifier learned. Written as plain tfjs ops (\`src/main/ml/model.ts\`), no tfjs-layers.

## Data (all permitted development sources; licences MIT / CC0; no third-party audio is committed)
| source | licence | role |
|---|---|---|
| FluidR3_GM.sf2 rendered with fluidsynth (Debian fluid-soundfont-gm) | MIT | train |
| Synthesized drums (\`src/main/ml/train/drum-synth.ts\`, ${r.synthPerClass} per drum class, seeded) | ours | train |${r.familySynthPerClass ? `\n| Drums and percussion from the sample synthesizer (\`src/main/synth\`: ${r.familySynthPerClass} per drum class, ${3 * r.familySynthPerClass} percussion incl. tabla, djembe, darbuka, snaps) | ours | train |` : ''}
| MuseScore_General.sf3 rendered with fluidsynth (Debian musescore-general-soundfont) | MIT (parts CC0/PD) | held out |
| Sonic Pi samples (Debian sonic-pi-samples), one-shots with a taxonomy label | CC0 | held out |

The split is by **source**, never by file: velocity/pitch variants of one soundfont instrument are near-duplicates.
Manifests come from \`/work/shared/corpus/build-dev-corpus.sh\`; loops and labels outside the taxonomy are dropped.
Each training sound is used clean plus ${r.variants} augmented copies (random gain −12..+6 dB, ±2 semitone pitch
shift, EQ tilt, −10..+40 ms time offset, noise at −70..−35 dB, Schroeder reverb${r.productionAugment ? ', tanh saturation, band-limiting' : ''}).

| category | train sounds (before augmentation) | held-out sounds | held-out accuracy |
|---|---|---|---|
${classRows.join('\n')}

## Training
\`npm run train:model\` (= \`node --import tsx src/main/ml/train/train.ts\`; options --epochs --variants --synth --seed
--corpus --out). Seed ${r.seed}; Adam, lr ${r.lr} with cosine decay, batch ${r.batchSize}, label smoothing 0.05,
class weights ∝ 1/√count, dropout 0.2 on the pooled features; ${r.epochs} of ${r.plannedEpochs} planned epochs.
Backend: ${r.backend}. tfjs-wasm lacks Conv2DBackpropFilter, so \`train/conv-filter-grad.ts\` replaces Conv2D's
gradient with forward convolutions (checked against tfjs's reference gradient in test/ml).
Machine: ${r.machine}, shared with other jobs (run under \`nice\`): data preparation ${r.prepSeconds} s, training
${r.trainSeconds} s (${(r.trainSeconds / 60).toFixed(1)} min) for ${r.trainExamples} examples/epoch.

| epoch | loss | held-out accuracy | cumulative s |
|---|---|---|---|
${r.history.map((h) => `| ${h.epoch} | ${h.loss} | ${pct(h.heldOutAccuracy)} | ${h.seconds} |`).join('\n')}

## Held-out results (${r.heldOutExamples} sounds never seen in training, different soundfont / sample pack)
Overall top-1 accuracy: **${pct(r.heldOutAccuracy)}** (chance ≈ ${pct(1 / CATEGORIES.length)}).

| source | sounds | accuracy |
|---|---|---|
${Object.entries(r.heldOut.bySource).map(([s, a]) => `| ${s} | ${a.n} | ${pct(a.accuracy)} |`).join('\n')}

Confusion matrix (rows = true class, only classes present in the held-out set):

${confusion.join('\n')}

## Limitations
- Tiny training set: one soundfont plus simple synthesized drums. Real-world libraries (processed, layered, genre
  sample packs) are out of distribution; accuracy there will be lower than above. Classes with few training
  sounds (clap, hi-hats, vocal) are the least reliable.
- Only the first 1.49 s after the onset is seen: long pads, risers and loops are judged by their start.
- Category labels in the corpus come from GM program families (e.g. all "ethnic" programs count as guitar), so the
  classifier inherits their coarseness; FX is a catch-all.
- Held-out sources are not perfectly blind: this model's errors on them (20 of its 30 drum-sorting mistakes are
  Sonic Pi's tabla strokes, called toms and kicks) led us to try a second model with synthesized hand drums (tabla,
  djembe, darbuka, snaps) and production-style augmentation (\`--family-synth 60 --production-augment\`). It did
  not beat this one on the held-out sources (kNN drum-kit sorting 87.6% vs 86.2%, but with user labels 92.6% vs
  93.1%, similar P@10 66.4% vs 70.5%, 21-class cold start 83.9% vs 83.8%), so it was not shipped. A third run with
  only the synthesized families (\`--family-synth 30\`, no production augmentation; 8 min) did no better either
  (held-out top-1 83.6%; drum-kit sorting 86.6% cold, 91.2% with user labels, against 85.7% / 94.5% for this model
  with the current kNN vote). Three more 6–22 min runs changed one thing each and did not help drums either: a
  hop of 256 (finer attacks: 86.6% / 93.5%), pooling over time only so frequency position survives (81.6% / 91.2%),
  and 16 epochs with two augmented copies (top-1 85.9%, but drums 83.4% / 91.7%). SpecAugment (\`--spec-augment\`:
  two random mel-band and two frame masks per drawn patch) underfits in 8 epochs (top-1 78.1%); in 20 epochs (17 min)
  it matches this model's top-1 (84.8%) and labels instruments better (cold 90.0% vs 88.9%, with user labels 89.8%
  vs 87.3%), but sorts drums worse (84.8% / 93.1%) and Sonic Pi no better (top-1 48.6% vs 50.0%).
- Three changes to the vote, scored on one set of cached embeddings where the current vote sorts drums 86.2% / 94.5%,
  did not help either. Hubness correction (CSLS: a reference's distance grows with its mean similarity to the
  library's sounds) fell to 81.1% / 89.9%. Joining this model's embedding with the SpecAugment run's (equal weights)
  lifted similar P@10 from 70.5% to 72.8% and 21 classes with user labels from 86.9% to 88.2%, but sorted drums
  84.8% / 94.5%, at twice the inference. Averaging each sound's embedding over EQ-tilted and ±1-semitone copies of it
  (test-time augmentation, for references and queries alike) sorted drums 85.3% / 94.5%, at five times the inference.
- Would more sources help? A model trained on FluidR3 and MuseScore (\`--train-sources fluidr3,musescore\`, 10 min)
  sorted Sonic Pi's drums worse than this one with the same references (cold / with user labels 60.5% / 81.5% against
  66.7% / 85.2%; all 21 classes cold 44.6% against 49.3%; instruments better, 22.7% against 13.6%). A second
  soundfont does not stand in for recordings, so the shipped model stays trained on FluidR3 alone, which keeps every
  held-out figure here honest. No held-out audio was ever trained on. Independent evaluation on other collections is
  the real test.
- How much of a difference is noise? The same recipe retrained with seed 8 instead of 7 (5 min on a quiet machine):
  held-out top-1 84.4% against 84.8%; drum-kit sorting 85.7% cold for both, but with user labels 92.6% against
  94.5%; 21 classes 85.0% / 86.1% against 84.2% / 86.9%. Run-to-run spread with user labels is thus about 2 points,
  and single-run differences of that size above (this model's 94.5% included) are within it. So the 2026-12-07
  comparisons below ran two seeds each (drum-kit sorting cold / with user labels, kNN vote as shipped):
  - More real drum kits. FluidR3 has seven GM kits besides the standard one the corpus renders (Room, Power,
    Electronic, TR-808, Jazz, Brush, Orchestra; 461 hits that are not byte-copies of others, rendered like the
    corpus). As extra references only: 85.7% / 94.5%, no change. Trained on as well: 84.8% / 90.8% and 84.3% / 91.7%,
    worse. More drum kits of the same soundfont do not teach recordings either, so the render script was not kept.
  - \`--family-synth 30\`: 86.6% / 91.2% and 85.7% / 94.5%.
  - Joining the seed-7 and seed-8 embeddings (192-d): 86.2% / 93.1%; all 21 classes cold 85.7%. A small gain outside
    drums, at twice the inference.
  - A second loss over finer classes: a cosine softmax over 182 classes (each FluidR3 program or drum sound, each
    synthesized drum kind) added to the category loss, so the embedding keeps apart what one category lumps together
    (a conga from a bongo, a low tom from a floor tom). Weight 1: 85.3% / 93.5% and 82.5% / 92.2%; weight 0.3 (seed 7):
    85.3% / 91.2%. Worse with user labels on both seeds; the 15-line patch was not kept.
- Where the drum-kit shortfall is (the eval now prints drum-kit sorting per test source and its confusion matrix):
  MuseScore's 136 drum sounds are all sorted right, cold and with user labels; Sonic Pi's 81 score 61.7% / 85.2%.
  26 of those 81 are tabla strokes, of which 8 are sorted right cold (ghe heard as tom, ke and re as kick, te as
  snare). On the other 191 drum sounds this model sorts 93.2% cold and 94.8% with user labels. No permitted training
  source has a tabla recording (GM has none; the synthesized tabla strokes above did not transfer), and Sonic Pi's
  are held out, so the 90% cold target cannot be shown on this split without training on its test sounds.
- Other votes on this model's embeddings (drums 85.7% / 94.5%), none reliably better:
  - user labels weighing 6 instead of 3: drums with user labels 95.4%, but all 21 classes 86.6% against 86.9%. That
    is one sound either way, and tuned on the held-out sources, so it was not adopted.
  - the model's own classifier head added to the vote at half weight: 86.6% / 93.5%.
  - library and references each centred on their own mean: 85.7% / 94.0%.
  - each class's mean distance over its 3 nearest references: 85.3% cold.
  - logistic regression on the embedding: 82.9% cold; on the descriptors: 80.2%.
  - descriptor kNN scores added to the embedding's: 85.7% / 94.9% (user labels scored per file here).
  - one to four augmented copies of every drum reference: 85.3% / 93.5% down to 84.3% / 92.6%.
  - pseudo-labels (the library's confidently voted sounds join the references, then the rest vote again): drums cold
    86.2–86.6% at vote shares 0.6–0.95, but all 21 classes 83.2–84.1% against 84.2%.
  - 0, 10 or 40 synthesized references per drum class instead of 20: 87.1% / 94.9%, 85.7% / 95.4%, 84.3% / 93.1%.
    Within the noise above, and tuned on the held-out sources; 20 stays, for the synthesized drums producers own.
- User-specific distinctions are meant to come from the on-device projection head (\`projection-head.ts\`).
`;
// The built-in reference set section is written by scripts/build-reference-set.ts' author, not by training: keep it.
const old = await readFile('docs/model-card.md', 'utf8').catch(() => '');
const kept = /<!-- reference-set -->[\s\S]*?<!-- \/reference-set -->/.exec(old)?.[0];
await writeFile('docs/model-card.md', kept ? md.replace('## Limitations', `${kept}\n\n## Limitations`) : md);
console.log('wrote docs/model-card.md');
