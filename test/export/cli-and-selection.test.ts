// `sonoteca export` flag parsing, and turning a library selection into export items on a real SQLite library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExportCliArgs, selectExportItems, noteToMidi, planExport, runExport } from '../../src/main/export/index.js';
import { openLibraryDb } from '../../src/main/store/index.js';
import { sine, writeWavFixture } from '../support/audio-fixtures.js';

test('parseExportCliArgs: selection, layout, conversion and kit flags', () => {
  const r = parseExportCliArgs(['--group', 'Kicks', '--group=Snares', '--ids', '1,2', '--to', '/tmp/x', '--layout', 'category',
    '--template', '{category}/{index:03} {name}', '--format', 'wav16', '--rate', '48000', '--mono', '--normalize', '--trim',
    '--fade-out', '20', '--sfz', '--decent', '--dry-run', '--json']);
  assert.deepEqual(r.selection, { groups: ['Kicks', 'Snares'], categories: [], query: null, ids: [1, 2] });
  assert.equal(r.options.destination, '/tmp/x');
  assert.equal(r.options.layout, 'category');
  assert.deepEqual(r.options.convert, { format: 'wav16', sampleRate: 48000, channels: 'mono', normalize: true, trim: true, fadeOutMs: 20 });
  assert.equal(r.options.sfz && r.options.decent && r.dryRun && r.json, true);
  const plain = parseExportCliArgs(['--query', 'dusty kick', '--to', 'out', '--mode', 'hardlink']);
  assert.equal(plain.options.convert, null);
  assert.equal(plain.options.mode, 'hardlink');
});

test('parseExportCliArgs: clear errors for bad flags', () => {
  const bad: Array<[string[], RegExp]> = [
    [['--to', 'x'], /nothing to export/],
    [['--group', 'A'], /missing --to/],
    [['--group', 'A', '--to', 'x', '--bogus'], /unknown flag '--bogus'/],
    [['--group', 'A', '--to', 'x', '--rate', '22050'], /--rate must be one of 44100, 48000/],
    [['--group', 'A', '--to', 'x', '--format', 'mp3'], /--format must be one of wav16, wav24, wav32f/],
    [['--group', 'A', '--to', 'x', '--mono', '--stereo'], /exclude each other/],
    [['--group', 'A', '--to', 'x', '--ids', '1,x'], /'x' is not one/],
    [['--group', 'A', '--to', 'x', '--template', '{foo}'], /unknown template token/],
    [['--group', 'A', '--to', 'x', '--fade-out', '-5'], /--fade-out takes milliseconds/],
    [['--group', 'A', '--to', 'x', '--mode', 'symlink', '--trim'], /cannot be combined with --mode symlink/],
    [['--group', '--to', 'x'], /--group needs a value/],
    [['--group', 'A', '--to', 'x', 'stray'], /unexpected argument 'stray'/],
  ];
  for (const [argv, re] of bad) assert.throws(() => parseExportCliArgs(argv), re, argv.join(' '));
});

test('noteToMidi', () => {
  assert.equal(noteToMidi('A4'), 69);
  assert.equal(noteToMidi('C#3'), 49);
  assert.equal(noteToMidi('Eb2'), 39);
  assert.equal(noteToMidi('C-1'), 0);
  assert.equal(noteToMidi('H2'), null);
  assert.equal(noteToMidi(null), null);
});

test('selectExportItems: group, category and ids from a real library, then exported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-export-db-'));
  try {
    const root = join(dir, 'samples');
    (await import('node:fs')).mkdirSync(root);
    const names = ['Kick Deep', 'Snare Crack', 'Pad Warm'];
    for (const n of names) writeWavFixture(join(root, `${n}.wav`), [sine(100, 0.05, 44100)], 44100);
    const db = openLibraryDb(join(dir, 'lib.sqlite'));
    try {
      const r = db.roots.add(root);
      db.samples.indexBatch(names.map((n) => {
        const p = join(root, `${n}.wav`);
        const st = statSync(p);
        return { rootId: r.id, path: p, relPath: `${n}.wav`, name: n, ext: 'wav', sizeBytes: st.size, mtimeMs: st.mtimeMs };
      }));
      const [kick, snare, pad] = names.map((n) => db.samples.byPath(join(root, `${n}.wav`))?.id as number);
      db.labels.set(kick, 'kick', 'user', 1);
      db.labels.set(snare, 'snare', 'filename', 0.8);
      db.labels.set(pad, 'pad', 'model', 0.7);
      db.tags.set(kick, 'deep', 'user', 1);
      const g = db.groups.create('My Kit');
      db.groups.addMembers(g.id, [snare, kick]);
      const items = selectExportItems(db, { groups: ['My Kit'], categories: ['pad'], query: null, ids: [kick] });
      assert.deepEqual(items.map((i) => [i.name, i.group, i.category]), [
        ['Snare Crack', 'My Kit', 'snare'], ['Kick Deep', 'My Kit', 'kick'], ['Pad Warm', 'Pad', 'pad'], ['Kick Deep', 'Selection', 'kick'],
      ]);
      assert.deepEqual(items[1].tags, ['deep']);
      assert.throws(() => selectExportItems(db, { groups: ['Nope'], categories: [], query: null, ids: [] }), /no group named 'Nope'/);
      assert.throws(() => selectExportItems(db, { groups: [], categories: [], query: null, ids: [9999] }), /no sample with id 9999/);
      const sum = await runExport(planExport(items, { destination: join(dir, 'out'), sfz: true }));
      assert.equal(sum.files, 4);
      assert.equal(sum.kitPaths.length, 3);
    } finally { db.close(); }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
