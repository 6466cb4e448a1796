import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { openAudio } from '../../src/main/decode/open-audio.js';
import { kickHit, pluckedTone } from '../support/mixed-library.js';
import { runCli } from '../support/run-cli.js';

test('export --category from the CLI: dry run writes nothing, the export converts and writes a kit, a re-run changes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sonoteca-cli-export-'));
  const lib = join(dir, 'lib');
  const dest = join(dir, 'out');
  try {
    const samples = join(dir, 'samples');
    mkdirSync(join(samples, 'Drums'), { recursive: true });
    writeFileSync(join(samples, 'Drums', 'BD Punchy.wav'), encodeWav(kickHit(0.4), 44100, { bitDepth: 16 }));
    writeFileSync(join(samples, 'Drums', 'Kick Deep.wav'), encodeWav(kickHit(0.6, 44100, 10), 44100, { bitDepth: 24 }));
    writeFileSync(join(samples, 'Drums', 'Pluck C4.wav'), encodeWav(pluckedTone(261.6, 0.5), 44100, { bitDepth: 16 }));
    assert.equal(runCli(['--library', lib, 'add', samples]).code, 0);

    const dry = runCli(['--library', lib, 'export', '--category', 'kick', '--to', dest, '--format', 'wav16', '--rate', '48000', '--sfz', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /BD Punchy/);
    assert.match(dry.stdout, /\.sfz/);
    assert.throws(() => readdirSync(dest), 'a dry run creates nothing');

    const run = runCli(['--library', lib, 'export', '--category', 'kick', '--to', dest, '--format', 'wav16', '--rate', '48000', '--sfz', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(run.stdout);
    assert.equal(summary.files, 2);
    assert.equal(summary.kitPaths.length, 1);
    const sfz = readFileSync(summary.kitPaths[0], 'utf8');
    assert.match(sfz, /key=36/, 'kicks sit on the GM kick note');
    const exported = summary.manifestPaths.find((p: string) => p.endsWith('.json'));
    const manifest = JSON.parse(readFileSync(exported, 'utf8'));
    const names = manifest.entries.map((e: { destination: string }) => e.destination).sort();
    assert.ok(names.some((n: string) => n.endsWith('BD Punchy.wav')), names.join(', '));
    assert.ok(names.every((n: string) => !/\.wav\.wav$/.test(n)), 'the extension is not doubled');
    const first = join(dest, manifest.entries[0].destination);
    const source = await openAudio(first);
    assert.equal(source.info.sampleRate, 48000);
    assert.equal(source.info.bitDepth, 16);
    await source.close();

    const mtimes = manifest.entries.map((e: { destination: string }) => statSync(join(dest, e.destination)).mtimeMs);
    const again = JSON.parse(runCli(['--library', lib, 'export', '--category', 'kick', '--to', dest, '--format', 'wav16', '--rate', '48000', '--sfz', '--json']).stdout);
    assert.equal(again.files, 0);
    assert.equal(again.skipped, 2);
    assert.deepEqual(manifest.entries.map((e: { destination: string }) => statSync(join(dest, e.destination)).mtimeMs), mtimes);

    const bad = runCli(['--library', lib, 'export', '--category', 'kick']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /missing --to/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
