// The learned embedding is made by the analysis workers from the audio they decode anyway, batched, and stored
// with each file's analysis; crashes, model changes and old libraries cost only embeddings, never analyses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Library } from '../../src/main/core/library.js';
import { analyseLibrary } from '../../src/main/pipeline/analyse-library.js';
import { defaultModelDir } from '../../src/main/ml/model-io.js';
import { loadEmbedder } from '../../src/main/ml/embedder.js';
import { decodeMonoHead } from '../../src/main/services/decode-mono.js';
import { EMBED_INPUT_SECONDS } from '../../src/main/pipeline/embed-batcher.js';
import { embeddingModelVersion } from '../../src/main/pipeline/model-version.js';
import { writeWavFixture } from '../support/audio-fixtures.js';
import { kick, snare, hat, note } from '../support/signals.js';

const SR = 44100;

/** A folder of distinct synthesized sounds, mono and stereo; returns their paths. */
function writeSounds(dir: string, count: number): string[] {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    const x = kind === 0 ? kick(0.4 + 0.02 * i, SR) : kind === 1 ? snare(0.3, SR, 0.6, 10 + i) : kind === 2 ? hat(0.12, SR, 0.25, 20 + i) : note(220 * 2 ** (i / 12), 1.2, SR);
    const path = join(dir, `sound ${String(i).padStart(2, '0')}.wav`);
    writeWavFixture(path, i % 3 === 0 ? [x, x.map((v) => v * 0.5)] : [x], SR);
    paths.push(path);
  }
  return paths;
}

function scratch(): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-embed-pipe-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

function storedModels(library: Library): Map<number, string> {
  const rows = library.db.db.prepare('SELECT sample_id, model FROM embeddings').all() as Array<{ sample_id: number; model: string }>;
  return new Map(rows.map((r) => [r.sample_id, r.model]));
}

test('a scan stores one embedding per analysed file, with the model version, equal to the model run on the file', async () => {
  const { dir, done } = scratch();
  try {
    const paths = writeSounds(join(dir, 'sounds'), 7);
    writeFileSync(join(dir, 'sounds', 'broken.wav'), 'RIFF not really a wave file');
    const library = Library.open(join(dir, 'lib'));
    await library.addRoots([join(dir, 'sounds')]);
    const report = await library.analyse({ workers: 2 });
    const embedder = await loadEmbedder();
    assert.deepEqual(await embeddingModelVersion(), { version: embedder.version, dim: embedder.dim });
    assert.equal(report.analysed, 7);
    assert.equal(report.failed, 1);
    assert.equal(report.embedded, 7);
    assert.equal(report.embedFailed, 0, report.embedProblem);
    assert.equal(report.embedModel, embedder.version);
    const models = storedModels(library);
    assert.equal(models.size, 7, 'one row per analysed file, none for the broken one');
    for (const m of models.values()) assert.equal(m, embedder.version);
    // The worker's vector is the model's own on the file's first seconds: no drift from the side channel.
    for (const path of [paths[0], paths[3], paths[6]]) {
      const id = library.db.samples.byPath(path)!.id;
      const stored = library.db.embeddings.get(id, embedder.version)!;
      assert.equal(stored.length, embedder.dim);
      const head = await decodeMonoHead(path, EMBED_INPUT_SECONDS);
      const [direct] = await embedder.embed([head]);
      let dot = 0;
      for (let i = 0; i < direct.length; i++) dot += direct[i] * stored[i];
      assert.ok(dot > 0.9999, `${path}: stored vs direct cosine ${dot}`);
    }
    // A second scan has nothing to analyse and nothing to embed.
    const again = await library.analyse({ workers: 2 });
    assert.equal(again.analysed + again.embedded, 0);
    await library.close();
  } finally {
    done();
  }
});

test('a worker crash in the middle of an embedding batch loses no file\'s analysis', async () => {
  const { dir, done } = scratch();
  try {
    writeSounds(join(dir, 'sounds'), 6);
    const library = Library.open(join(dir, 'lib'));
    await library.addRoots([join(dir, 'sounds')]);
    const warnings: string[] = [];
    const report = await analyseLibrary(library.db, {
      workers: 1,
      workerScript: new URL('./workers/crash-in-batch-worker.ts', import.meta.url),
      onWarning: (m) => warnings.push(m),
    });
    const counts = library.db.samples.counts();
    assert.equal(counts.analysed, 6, `every file analysed: ${JSON.stringify(counts)}`);
    assert.equal(counts.failed, 0, 'no file is blamed for the batch');
    assert.equal(report.analysed, 6);
    assert.equal(report.embedded, 0);
    assert.ok(report.embedFailed >= 6);
    assert.match(report.embedProblem ?? '', /embedding lost \(worker crashed/);
    assert.equal(new Set(warnings).size, warnings.length, 'each problem said once');
    for (const s of library.db.samples.list({})) assert.ok(library.db.samples.detail(s.id)?.analysis.loudness, `${s.path} kept its analysis`);
    // The real worker fills the vectors in afterwards, without analysing again.
    const catchUp = await analyseLibrary(library.db, { workers: 1 });
    assert.equal(catchUp.analysed, 0);
    assert.equal(catchUp.reembedded, 6);
    assert.equal(storedModels(library).size, 6);
    await library.close();
  } finally {
    done();
  }
});

test('a new model version re-embeds every file without re-analysing any', async () => {
  const { dir, done } = scratch();
  try {
    writeSounds(join(dir, 'sounds'), 5);
    const library = Library.open(join(dir, 'lib'));
    await library.addRoots([join(dir, 'sounds')]);
    await library.analyse({ workers: 2 });
    const analysedAt = new Map(library.db.samples.list({}).map((s) => [s.id, library.db.db.prepare('SELECT analysed_at FROM samples WHERE id = ?').pluck().get(s.id)]));
    // The same weights under a new version string: a stand-in for a retrained model.
    const modelDir = join(dir, 'model-v2');
    cpSync(defaultModelDir(), modelDir, { recursive: true });
    const json = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8'));
    json.config.version = 'sonoteca-embed-test-v2';
    writeFileSync(join(modelDir, 'model.json'), JSON.stringify(json));
    const report = await analyseLibrary(library.db, { workers: 2, embeddings: { modelDir } });
    assert.equal(report.analysed, 0, 'nothing re-analysed');
    assert.equal(report.reembedded, 5);
    assert.match(report.embedModel ?? '', /^sonoteca-embed-test-v2\+[0-9a-f]{8}$/);
    for (const m of storedModels(library).values()) assert.equal(m, report.embedModel);
    // The coordinator's reading of the version (from the files alone) is the one the loaded model stamps.
    assert.deepEqual(await embeddingModelVersion(modelDir), { version: report.embedModel, dim: (await loadEmbedder()).dim });
    for (const [id, at] of analysedAt) assert.equal(library.db.db.prepare('SELECT analysed_at FROM samples WHERE id = ?').pluck().get(id), at);
    await library.close();
  } finally {
    done();
  }
});

test('without a usable model, analysis succeeds and the reason is given once', async () => {
  const { dir, done } = scratch();
  try {
    writeSounds(join(dir, 'sounds'), 3);
    const library = Library.open(join(dir, 'lib'));
    await library.addRoots([join(dir, 'sounds')]);
    const warnings: string[] = [];
    const report = await analyseLibrary(library.db, { workers: 1, embeddings: { modelDir: join(dir, 'no-model-here') }, onWarning: (m) => warnings.push(m) });
    assert.equal(report.analysed, 3);
    assert.equal(report.embedded, 0);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /embedding model could not be read .*no-model-here.*model\.json/);
    // A model whose files read but whose weights are damaged fails inside the workers: still one clear warning.
    const broken = join(dir, 'broken-model');
    mkdirSync(broken);
    cpSync(join(defaultModelDir(), 'model.json'), join(broken, 'model.json'));
    writeFileSync(join(broken, 'weights.bin'), Buffer.alloc(64));
    library.db.db.prepare("UPDATE samples SET status = 'pending'").run();
    const warnings2: string[] = [];
    const report2 = await analyseLibrary(library.db, { workers: 1, embeddings: { modelDir: broken }, onWarning: (m) => warnings2.push(m) });
    assert.equal(report2.analysed, 3);
    assert.equal(report2.embedded, 0);
    assert.equal(warnings2.length, 1, warnings2.join('\n'));
    assert.match(warnings2[0], /embedding model could not be loaded/);
    assert.equal(library.db.samples.counts().analysed, 3);
    await library.close();
  } finally {
    done();
  }
});
