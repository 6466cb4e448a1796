import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Library } from '../../src/main/core/library.js';
import { createOutput } from '../../src/main/cli/output.js';
import { parseArgs } from '../../src/main/cli/parse-args.js';
import type { Command } from '../../src/main/cli/command.js';
import { similarCommand, parseWeights } from '../../src/main/cli/commands/similar.js';
import { labelCommand } from '../../src/main/cli/commands/label.js';
import { labelsCommand } from '../../src/main/cli/commands/labels.js';
import { duplicatesCommand } from '../../src/main/cli/commands/duplicates.js';
import { clustersCommand } from '../../src/main/cli/commands/clusters.js';
import { mapCommand } from '../../src/main/cli/commands/map.js';
import { reportCommand } from '../../src/main/cli/commands/report.js';
import { embeddingsCommand } from '../../src/main/cli/commands/embeddings.js';
import { buildFixtureLibrary, kickVar, writeWav, type FixtureLibrary } from './fixture-library.js';

let fx: FixtureLibrary;
let libDir: string;

before(async () => {
  fx = await buildFixtureLibrary((dir) => {
    writeWav(join(dir, 'b71.wav'), kickVar(8));
    return { anon: join(dir, 'b71.wav') };
  });
  libDir = join(fx.dir, 'lib');
  await fx.library.close();
});

after(() => rmSync(fx.dir, { recursive: true, force: true }));

/** Runs a command in-process exactly as the CLI would, capturing stdout and stderr. */
async function run(cmd: Command, argv: string[]): Promise<{ code: number; stdout: string; stderr: string; json: unknown }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { append(String(chunk)); cb(); } });
  const out = createOutput(true, sink((s) => (stdout += s)), sink((s) => (stderr += s)) as unknown as NodeJS.WriteStream);
  const args = parseArgs(argv, { json: { type: 'boolean' }, ...cmd.flags });
  const code = await cmd.run({ args, out, libraryDir: libDir, openLibrary: () => Library.open(libDir), signal: new AbortController().signal });
  return { code, stdout, stderr, json: stdout.trim() ? JSON.parse(stdout) : null };
}

test('similar, label, duplicates, clusters, map, report and embeddings print valid JSON', async () => {
  const sim = await run(similarCommand, [fx.paths.kick1, '-k', '3', '--weights', 'timbre=1,envelope=0.5,pitch=0', '--json']);
  assert.equal(sim.code, 0);
  const s = sim.json as { results: Array<{ path: string }>; weights: { pitch: number } };
  assert.equal(s.results.length, 3);
  assert.equal(s.weights.pitch, 0);

  const lab = await run(labelCommand, [fx.paths.anon, 'kick', '--json']);
  assert.equal(lab.code, 0);
  assert.equal((lab.json as { effective: string }).effective, 'kick');

  const dup = await run(duplicatesCommand, ['--json']);
  assert.equal(dup.code, 0);
  assert.ok(Array.isArray((dup.json as { groups: unknown[] }).groups));

  const cl = await run(clustersCommand, ['-k', '3', '--json']);
  assert.equal((cl.json as { k: number }).k, 3);

  const outFile = join(fx.dir, 'map.json');
  const map = await run(mapCommand, ['--out', outFile, '--json']);
  assert.equal(map.code, 0);
  assert.equal((map.json as { points: number }).points, (JSON.parse(readFileSync(outFile, 'utf8')) as { points: unknown[] }).points.length);

  const rep = await run(reportCommand, ['--with-filenames', '--json']);
  assert.ok((rep.json as { labelled: number }).labelled >= 24);

  const vec = join(fx.dir, 'v.csv');
  const emb = await run(embeddingsCommand, ['--out', vec, '--json']);
  assert.equal((emb.json as { format: string }).format, 'csv');
  assert.ok(existsSync(vec));
});

test('labels export/import through the CLI; bad lines give exit 1 and line numbers', async () => {
  const csvFile = join(fx.dir, 'mine.csv');
  await run(labelCommand, [fx.paths.piano2, 'keys']);
  const exp = await run(labelsCommand, ['export', '--out', csvFile, '--json']);
  assert.equal(exp.code, 0);
  assert.match(readFileSync(csvFile, 'utf8'), /Piano 02\.wav,keys/);
  writeFileSync(join(fx.dir, 'bad.csv'), 'path,label\nKicks/Kick 01.wav,bongo drum\n');
  const bad = await run(labelsCommand, ['import', join(fx.dir, 'bad.csv'), '--json']);
  assert.equal(bad.code, 1);
  assert.equal((bad.json as { committed: boolean }).committed, false);
  assert.match(bad.stderr, /bad\.csv:2: unknown category 'bongo drum'/);
  assert.throws(() => parseWeights('timbre=loud'), /bad weight/);
});

test('labels import trains personal similarity when it is due; a single label says it is out of date', async () => {
  const csvFile = join(fx.dir, 'bulk.csv');
  const rows = ['kick1', 'kick2', 'kick3'].map((k) => `${fx.paths[k]},kick`).concat(['snare1', 'snare2', 'snare3'].map((s) => `${fx.paths[s]},snare`));
  writeFileSync(csvFile, `path,label\n${rows.join('\n')}\n`);
  const imp = await run(labelsCommand, ['import', csvFile, '--json']);
  assert.equal(imp.code, 0, imp.stderr);
  const head = (imp.json as { personalHead: { trained: boolean; labels: number; classes: number } | null }).personalHead;
  assert.ok(head?.trained, `head: ${JSON.stringify(head)} ${imp.stderr}`);
  assert.ok(head.classes >= 2 && head.labels >= 6, JSON.stringify(head));
  assert.ok(existsSync(join(libDir, 'library.sqlite.head')), 'the head is saved next to the library');

  // Trained just now on exactly these labels: nothing is due until the labels change.
  const same = await run(labelCommand, [fx.paths.kick1, 'kick', '--json']);
  assert.equal((same.json as { personalHeadDue: boolean }).personalHeadDue, false);
  const more = await run(labelCommand, [fx.paths.snare4, 'snare', '--json']);
  assert.equal((more.json as { personalHeadDue: boolean }).personalHeadDue, true);

  // --skip-head imports without training.
  writeFileSync(csvFile, `path,label\n${fx.paths.snare5},snare\n`);
  const skipped = await run(labelsCommand, ['import', csvFile, '--skip-head', '--json']);
  assert.equal(skipped.code, 0);
  assert.equal((skipped.json as { personalHead: unknown }).personalHead, null);
});
