// `npm run train:model`: trains the embedding CNN on the development corpus (by default, train: FluidR3 + synthesized
// drums; held out: MuseScore_General and Sonic Pi; `--train-sources` picks others) on the wasm backend, evaluates
// per source and class, and writes assets/model/. Seeded: the same corpus and seed reproduce the same weights.
import { writeFile } from 'node:fs/promises';
import { homedir, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initTfBackend, tf } from '../tf-backend.js';
import { DEFAULT_CONFIG, forward, initWeights } from '../model.js';
import type { ModelConfig, Weights } from '../model.js';
import { defaultModelDir, saveModel } from '../model-io.js';
import { MEL_BANDS, MEL_FRAMES, REF_RATE } from '../log-mel.js';
import { CATEGORIES } from '../taxonomy.js';
import { installConvFilterGrad } from './conv-filter-grad.js';
import { CORPUS_SOURCES, corpusSplit, decodeMono, mapLimit, readManifest } from './corpus.js';
import type { CorpusItem } from './corpus.js';
import { PATCH, buildExamples, familyDrumSounds, synthSounds } from './dataset.js';
import type { Examples, Sound } from './dataset.js';
import { makeRng, shuffle } from './rng.js';
import { specAugment } from './spec-augment.js';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: process.env.CORPUS ?? join(homedir(), '.cache/sonoteca-dev-corpus') },
    out: { type: 'string', default: defaultModelDir() },
    epochs: { type: 'string', default: '8' },
    variants: { type: 'string', default: '1' },
    synth: { type: 'string', default: '100' },
    // Extra synthesized drums/percussion and production-style augmentation: tried for sonoteca-embed-2, which did not
    // beat the shipped model (see the model card), so both are off by default and the defaults reproduce it.
    'family-synth': { type: 'string', default: '0' },
    'production-augment': { type: 'boolean', default: false },
    // Random band and frame masks on each drawn patch (spec-augment.ts).
    'spec-augment': { type: 'boolean', default: false },
    batch: { type: 'string', default: '32' },
    lr: { type: 'string', default: '0.002' },
    seed: { type: 'string', default: '7' },
    limit: { type: 'string' },
    // Which corpus sources teach the model; the others are held out and scored after every epoch.
    'train-sources': { type: 'string', default: 'fluidr3' },
  },
});
const seed = Number(args.seed);
const epochs = Number(args.epochs);
const batchSize = Number(args.batch);
const { train: trainSourceKeys, heldOut: heldOutSourceKeys } = corpusSplit(String(args['train-sources']).split(','));
const log = (msg: string): void => console.log(`[train ${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function loadSounds(items: CorpusItem[]): Promise<Sound[]> {
  return mapLimit(items, 2, async (it) => ({ mono: await decodeMono(it.path, REF_RATE), sampleRate: REF_RATE, category: it.category, source: it.source }));
}

function evaluate(cfg: ModelConfig, w: Weights, ex: Examples): { predicted: Int32Array; accuracy: number } {
  const predicted = new Int32Array(ex.n);
  for (let s = 0; s < ex.n; s += 128) {
    const e = Math.min(ex.n, s + 128);
    const p = tf.tidy(() => {
      const x = tf.tensor3d(ex.x.subarray(s * PATCH, e * PATCH), [e - s, MEL_FRAMES, MEL_BANDS]);
      return tf.argMax(forward(cfg, w, x).logits, 1);
    });
    predicted.set(p.dataSync() as Int32Array, s);
    p.dispose();
  }
  let ok = 0;
  for (let i = 0; i < ex.n; i++) ok += predicted[i] === ex.y[i] ? 1 : 0;
  return { predicted, accuracy: ok / Math.max(1, ex.n) };
}

function report(ex: Examples, predicted: Int32Array): Record<string, unknown> {
  const bySource: Record<string, { n: number; accuracy: number }> = {};
  const byClass: Record<string, { n: number; accuracy: number }> = {};
  const confusion: number[][] = CATEGORIES.map(() => CATEGORIES.map(() => 0));
  const bump = (m: Record<string, { n: number; accuracy: number }>, k: string, ok: boolean): void => {
    m[k] ??= { n: 0, accuracy: 0 };
    m[k].accuracy += ok ? 1 : 0;
    m[k].n++;
  };
  for (let i = 0; i < ex.n; i++) {
    const ok = predicted[i] === ex.y[i];
    bump(bySource, ex.source[i], ok);
    bump(byClass, CATEGORIES[ex.y[i]], ok);
    confusion[ex.y[i]][predicted[i]]++;
  }
  for (const m of [bySource, byClass]) for (const v of Object.values(m)) v.accuracy = Math.round((1000 * v.accuracy) / v.n) / 1000;
  return { bySource, byClass, confusion };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  installConvFilterGrad();
  const { backend } = await initTfBackend();
  log(`backend ${backend}`);
  const rng = makeRng(seed);
  const m = (f: string): string => join(args.corpus, 'manifests', f);
  const itemsOf = async (keys: string[]): Promise<CorpusItem[]> => (await Promise.all(keys.map((k) => readManifest(m(CORPUS_SOURCES[k].manifest))))).flat();
  let trainItems = await itemsOf(trainSourceKeys);
  let testItems = await itemsOf(heldOutSourceKeys);
  if (args.limit) {
    trainItems = shuffle(trainItems, rng).slice(0, Number(args.limit));
    testItems = shuffle(testItems, rng).slice(0, Number(args.limit));
  }
  log(`decoding ${trainItems.length} train + ${testItems.length} held-out files`);
  const trainSounds = [...(await loadSounds(trainItems)), ...synthSounds(Number(args.synth), REF_RATE, rng), ...familyDrumSounds(Number(args['family-synth']), REF_RATE, seed)];
  const testSounds = await loadSounds(testItems);
  const train = buildExamples(trainSounds, Number(args.variants), rng, { production: args['production-augment'] });
  const test = buildExamples(testSounds, 0, rng);
  const prepSeconds = (Date.now() - t0) / 1000;
  log(`${train.n} train examples, ${test.n} held-out; data ready in ${prepSeconds.toFixed(0)} s`);

  // Rare classes weigh more (inverse square root of frequency), so 4 GM kicks are not drowned by 300 keys.
  const counts = new Array(CATEGORIES.length).fill(0);
  for (const c of train.y) counts[c]++;
  const classWeight = counts.map((c) => (c ? 1 / Math.sqrt(c) : 0));
  const meanW = train.y.reduce((s, c) => s + classWeight[c], 0) / train.n;
  const cw = tf.tensor1d(classWeight.map((w) => w / meanW));

  const cfg = DEFAULT_CONFIG;
  const weights = initWeights(cfg, seed);
  const vars = new Map([...weights].map(([k, t]) => [k, tf.variable(t, true, `${k}`)]));
  weights.forEach((t) => t.dispose());
  const w: Weights = vars;
  const stepsPerEpoch = Math.ceil(train.n / batchSize);
  const totalSteps = epochs * stepsPerEpoch;
  const baseLr = Number(args.lr);
  const opt = tf.train.adam(baseLr);
  const order = Array.from({ length: train.n }, (_, i) => i);
  const xb = new Float32Array(batchSize * PATCH);
  // Its own stream, so turning masks on or off leaves data order and dropout exactly as they were.
  const maskRng = makeRng(seed ^ 0x5eca);
  let step = 0;
  const history: Array<Record<string, number>> = [];
  const tTrain = Date.now();
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, rng);
    let lossSum = 0;
    for (let s = 0; s < train.n; s += batchSize) {
      const idx = order.slice(s, s + batchSize);
      for (let j = 0; j < idx.length; j++) {
        xb.set(train.x.subarray(idx[j] * PATCH, (idx[j] + 1) * PATCH), j * PATCH);
        if (args['spec-augment']) specAugment(xb.subarray(j * PATCH, (j + 1) * PATCH), MEL_FRAMES, MEL_BANDS, maskRng);
      }
      // Cosine decay to 5% of the base rate.
      (opt as unknown as { learningRate: number }).learningRate = baseLr * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * step) / totalSteps)));
      const loss = tf.tidy(() => {
        const x = tf.tensor3d(xb.subarray(0, idx.length * PATCH), [idx.length, MEL_FRAMES, MEL_BANDS]);
        const labels = tf.tensor1d(idx.map((i) => train.y[i]), 'int32');
        const oneHot = tf.oneHot(labels, CATEGORIES.length);
        const sw = tf.gather(cw, labels);
        return opt.minimize(() => {
          const { logits } = forward(cfg, w, x, 0.2, seed + step);
          return tf.losses.softmaxCrossEntropy(oneHot, logits, sw, 0.05) as tf.Scalar;
        }, true) as tf.Scalar;
      });
      lossSum += loss.dataSync()[0] * idx.length;
      loss.dispose();
      step++;
    }
    const heldOut = evaluate(cfg, w, test);
    const trainSec = (Date.now() - tTrain) / 1000;
    history.push({ epoch: epoch + 1, loss: Math.round((1e4 * lossSum) / train.n) / 1e4, heldOutAccuracy: Math.round(1e3 * heldOut.accuracy) / 1e3, seconds: Math.round(trainSec) });
    log(`epoch ${epoch + 1}/${epochs} loss ${(lossSum / train.n).toFixed(4)} held-out acc ${(100 * heldOut.accuracy).toFixed(1)}% (${trainSec.toFixed(0)} s)`);
    // Written every epoch, so an interrupted run still leaves a usable, fully documented model behind.
    await writeOut(epoch + 1, heldOut.predicted, heldOut.accuracy, trainSec);
  }

  async function writeOut(epochsDone: number, predicted: Int32Array, accuracy: number, trainSec: number): Promise<void> {
    const training = {
      seed, epochs: epochsDone, plannedEpochs: epochs, variants: Number(args.variants), synthPerClass: Number(args.synth), familySynthPerClass: Number(args['family-synth']), productionAugment: args['production-augment'], specAugment: args['spec-augment'], batchSize, lr: baseLr, backend,
      machine: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
      trainSources: [...trainSourceKeys.map((k) => CORPUS_SOURCES[k].name), 'synth'], heldOutSources: heldOutSourceKeys.map((k) => CORPUS_SOURCES[k].name),
      trainCounts: Object.fromEntries(CATEGORIES.map((c, i) => [c, counts[i]])),
      trainExamples: train.n, heldOutExamples: test.n,
      prepSeconds: Math.round(prepSeconds), trainSeconds: Math.round(trainSec),
      heldOutAccuracy: Math.round(1e3 * accuracy) / 1e3,
      heldOut: report(test, predicted),
      history,
    };
    await saveModel(args.out, cfg, w, { seed, epochs: epochsDone, backend, heldOutAccuracy: training.heldOutAccuracy, trainedOn: training.trainSources });
    await writeFile(join(args.out, 'training-report.json'), JSON.stringify(training, null, 1) + '\n');
  }
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s; wrote ${args.out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
