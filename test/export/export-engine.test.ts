// End-to-end export on real files in temp dirs: layout, naming, safety, idempotency, kits, and failure handling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, dirname, resolve } from 'node:path';
import { planExport, runExport, describePlan } from '../../src/main/export/index.js';
import type { ExportItem, ExportManifest } from '../../src/main/export/index.js';
import { nodeExportFs } from '../../src/main/export/export-fs.js';
import type { ExportFs } from '../../src/main/export/export-fs.js';
import { sine, writeWavFixture } from '../support/audio-fixtures.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sonoteca-export-'));
}

function listFiles(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, name.name);
    if (name.isDirectory()) out.push(...listFiles(full, root));
    else out.push(relative(root, full).split('\\').join('/'));
  }
  return out.sort();
}

let nextId = 1;
function makeItem(srcDir: string, name: string, extra: Partial<ExportItem> = {}, seconds = 0.05): ExportItem {
  const path = join(srcDir, `${nextId}-${name.replace(/[^a-z0-9]/gi, '_').slice(0, 40)}.wav`);
  writeWavFixture(path, [sine(220 + nextId * 10, seconds, 44100)], 44100);
  return { sampleId: nextId++, sourcePath: path, name, ext: 'wav', tags: [], sizeBytes: statSync(path).size, ...extra };
}

function snapshot(paths: string[]): string[] {
  return paths.map((p) => `${readFileSync(p).toString('base64')}@${statSync(p).mtimeMs}`);
}

function parseSfz(text: string): Array<{ lokey: number; hikey: number; key: number; sample: string }> {
  const regions: Array<{ lokey: number; hikey: number; key: number; sample: string }> = [];
  let cur: Record<string, string> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (line.startsWith('sample=')) { assert.ok(cur, 'sample outside a region'); cur.sample = line.slice(7); continue; }
    for (const tok of line.split(/\s+/)) {
      if (tok === '<region>') { cur = {}; regions.push(cur as never); continue; }
      if (tok.startsWith('<')) { cur = null; continue; }
      const [k, v] = tok.split('=');
      if (cur) cur[k] = v;
    }
  }
  return regions.map((r) => {
    const o = r as unknown as Record<string, string>;
    return { lokey: Number(o.lokey), hikey: Number(o.hikey), key: Number(o.pitch_keycenter), sample: o.sample };
  });
}

function parseDspreset(text: string): Array<{ path: string; rootNote: number; loNote: number; hiNote: number }> {
  assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
  assert.match(text, /<DecentSampler[^>]*>[\s\S]*<ui[\s\S]*ENV_ATTACK[\s\S]*ENV_RELEASE[\s\S]*<\/ui>[\s\S]*<groups[\s\S]*<\/groups>\s*<\/DecentSampler>/);
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...text.matchAll(/<sample ([^>]*)\/>/g)].map((m) => {
    const attrs = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], unescape(a[2])]));
    return { path: attrs.path, rootNote: Number(attrs.rootNote), loNote: Number(attrs.loNote), hiNote: Number(attrs.hiNote) };
  });
}

test('group layout with a template, index padding and collision numbering; sources untouched', async () => {
  const src = tempDir();
  const dest = tempDir();
  try {
    const items = [
      makeItem(src, 'Kick', { group: 'Drums', category: 'kick', bpm: 120 }),
      makeItem(src, 'Kick', { group: 'Drums', category: 'kick' }),
      makeItem(src, 'Snare Tight', { group: 'Drums', category: 'snare' }),
      makeItem(src, 'Pad', { group: 'Keys & Pads', category: 'pad', key: 'A minor' }),
    ];
    const before = snapshot(items.map((i) => i.sourcePath));
    const plan = planExport(items, { destination: dest, template: '{group}/{category}/{index:02} {name}.{ext}' });
    assert.deepEqual(plan.files.map((f) => f.relPath), [
      'Drums/Kick/01 Kick.wav', 'Drums/Kick/02 Kick.wav', 'Drums/Snare/03 Snare Tight.wav', 'Keys & Pads/Pad/01 Pad.wav',
    ]);
    assert.equal(listFiles(dest).length, 0, 'planning writes nothing');
    assert.match(describePlan(plan), /write {2}Drums\/Kick\/01 Kick\.wav/);
    const sum = await runExport(plan);
    assert.equal(sum.files, 4);
    assert.deepEqual(sum.errors, []);
    assert.deepEqual(listFiles(dest), ['Drums/Kick/01 Kick.wav', 'Drums/Kick/02 Kick.wav', 'Drums/Snare/03 Snare Tight.wav', 'Keys & Pads/Pad/01 Pad.wav', 'sonoteca-export.csv', 'sonoteca-export.json']);
    assert.deepEqual(readFileSync(join(dest, 'Drums/Kick/02 Kick.wav')), readFileSync(items[1].sourcePath));
    assert.deepEqual(snapshot(items.map((i) => i.sourcePath)), before, 'source bytes and mtime unchanged');

    // Same names without the index collide: numbered, never overwritten.
    const dest2 = tempDir();
    try {
      writeFileSync(join(dest2, 'Kick.wav'), 'user file');
      const flat = planExport(items.slice(0, 2), { destination: dest2, layout: 'flat' });
      assert.deepEqual(flat.files.map((f) => f.relPath), ['Kick (2).wav', 'Kick (3).wav']);
      await runExport(flat);
      assert.equal(readFileSync(join(dest2, 'Kick.wav'), 'utf8'), 'user file');
      // Case-insensitive file systems: 'KICK' and 'kick' are the same name.
      const upper = planExport([{ ...items[2], name: 'KICK (2)' }], { destination: dest2, layout: 'flat' });
      assert.equal(upper.files[0].relPath, 'KICK (2) (2).wav');
    } finally { rmSync(dest2, { recursive: true, force: true }); }
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(dest, { recursive: true, force: true });
  }
});

test('hostile names and labels stay inside the destination and are legal everywhere', async () => {
  const src = tempDir();
  const root = tempDir();
  const dest = join(root, 'out');
  try {
    const long = 'x'.repeat(150) + '🥁'.repeat(60);
    const items = [
      makeItem(src, '../../etc/passwd', { group: '../..' }),
      makeItem(src, 'CON', { group: 'aux.wav' }),
      makeItem(src, 'aux.wav', { group: '/abs/olute' }),
      makeItem(src, 'snare 🥁 ☃', { group: 'C:\\Windows' }),
      makeItem(src, long, { group: 'ok' }),
      makeItem(src, 'what:*?"<>|\u0001now. ', { group: 'trail. . ' }),
    ];
    const plan = planExport(items, { destination: dest, template: '{group}/{name}' });
    for (const f of plan.files) {
      assert.ok(resolve(f.destPath).startsWith(dest + '/'), f.destPath);
      for (const part of f.relPath.split('/')) {
        assert.ok(Buffer.byteLength(part) <= 255, `${part.length} chars`);
        assert.doesNotMatch(part, /[<>:"\\|?*\u0000-\u001f]/);
        assert.doesNotMatch(part, /[. ]$/);
        assert.notEqual(part, '..');
        assert.doesNotMatch(part, /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i);
      }
    }
    const long1 = plan.files[4].relPath.split('/').pop() as string;
    assert.ok(long1.endsWith('.wav'), 'extension kept when shortened');
    assert.ok(!long1.includes('\ufffd') && [...long1.slice(150, -4)].every((ch) => ch === '🥁'), 'emoji not split');
    const sum = await runExport(plan);
    assert.deepEqual(sum.errors, []);
    assert.equal(listFiles(root).filter((p) => !p.startsWith('out/')).length, 0, 'nothing outside the destination');

    // A symlinked subfolder pointing outside must not be followed.
    const outside = tempDir();
    try {
      const dest2 = join(root, 'out2');
      mkdirSync(dest2);
      symlinkSync(outside, join(dest2, 'Evil'));
      const p2 = planExport([makeItem(src, 'Kick', { group: 'Evil' })], { destination: dest2 });
      const s2 = await runExport(p2);
      assert.equal(s2.files, 0);
      assert.match(s2.errors[0].message, /outside the export folder/);
      assert.deepEqual(readdirSync(outside), []);
    } finally { rmSync(outside, { recursive: true, force: true }); }
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
});

test('re-export is idempotent: nothing new written, no mtime changes; new items are added', async () => {
  const src = tempDir();
  const dest = tempDir();
  try {
    const items = [
      makeItem(src, 'Kick', { group: 'Kit', category: 'kick', fingerprint: 'f1' }),
      makeItem(src, 'Snare', { group: 'Kit', category: 'snare', fingerprint: 'f2' }),
    ];
    const opts = { destination: dest, template: '{group}/{index:02} {name}', sfz: true, decent: true };
    await runExport(planExport(items, opts));
    const written = listFiles(dest).filter((p) => !p.startsWith('sonoteca-export'));
    const before = snapshot(written.map((p) => join(dest, p)));
    const manifests = ['sonoteca-export.json', 'sonoteca-export.csv'].map((p) => join(dest, p));
    const manifestsBefore = snapshot(manifests);
    const again = planExport(items, opts);
    assert.ok(again.files.every((f) => f.action === 'skip-existing'));
    assert.ok(again.kits.every((k) => k.action === 'skip-existing'));
    const sum = await runExport(again);
    assert.equal(sum.files, 0);
    assert.equal(sum.skipped, 2);
    assert.deepEqual(listFiles(dest).filter((p) => !p.startsWith('sonoteca-export')), written);
    assert.deepEqual(snapshot(written.map((p) => join(dest, p))), before);
    assert.deepEqual(snapshot(manifests), manifestsBefore, 'the manifest is not rewritten when nothing changed');

    // A new item: only it is written; the kit (ours, unedited) is updated to include it.
    const more = [...items, makeItem(src, 'Clap', { group: 'Kit', category: 'clap' })];
    const p3 = planExport(more, opts);
    assert.deepEqual(p3.files.map((f) => f.action), ['skip-existing', 'skip-existing', 'write']);
    assert.equal(p3.files[2].relPath, 'Kit/03 Clap.wav');
    assert.ok(p3.kits.every((k) => k.action === 'replace-own'));
    await runExport(p3);
    assert.deepEqual(snapshot(written.filter((p) => p.endsWith('.wav')).map((p) => join(dest, p))), before.slice(0, 2));
    const manifest = JSON.parse(readFileSync(join(dest, 'sonoteca-export.json'), 'utf8')) as ExportManifest;
    assert.deepEqual(manifest.entries.map((e) => e.status), ['skipped-existing', 'skipped-existing', 'written']);
    const csv = readFileSync(join(dest, 'sonoteca-export.csv'), 'utf8');
    assert.match(csv, /written,.*Clap.*Kit\/03 Clap\.wav,clap,Kit/);

    // A kit the user edited is never replaced: the new one gets its own name.
    writeFileSync(join(dest, 'Kit/Kit.sfz'), '// my edits\n');
    const p4 = planExport([...more, makeItem(src, 'Hat', { group: 'Kit', category: 'hihat_closed' })], opts);
    const sfz = p4.kits.find((k) => k.format === 'sfz');
    assert.equal(sfz?.relPath, 'Kit/Kit (2).sfz');
    await runExport(p4);
    assert.equal(readFileSync(join(dest, 'Kit/Kit.sfz'), 'utf8'), '// my edits\n');

    // A changed source (different fingerprint) is a new file, the old export stays.
    const changed = planExport([{ ...items[0], fingerprint: 'other' }], opts);
    assert.equal(changed.files[0].action, 'write');
    assert.notEqual(changed.files[0].relPath, 'Kit/01 Kick.wav');
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(dest, { recursive: true, force: true });
  }
});

test('GM drum kit in SFZ and Decent Sampler: every referenced file exists, notes are GM-correct', async () => {
  const src = tempDir();
  const dest = tempDir();
  try {
    const items = [
      makeItem(src, 'Kick A', { group: 'Kit', category: 'kick' }),
      makeItem(src, 'Kick B', { group: 'Kit', category: 'kick' }),
      makeItem(src, 'Kick C', { group: 'Kit', category: 'kick' }),
      makeItem(src, 'Snare', { group: 'Kit', category: 'snare' }),
      makeItem(src, 'Clap', { group: 'Kit', category: 'clap' }),
      makeItem(src, 'CH', { group: 'Kit', category: 'hihat_closed' }),
      makeItem(src, 'OH', { group: 'Kit', category: 'hihat_open' }),
      makeItem(src, 'Ride', { group: 'Kit', category: 'cymbal', tags: ['ride'] }),
      makeItem(src, 'Crash', { group: 'Kit', category: 'cymbal', tags: ['crash'] }),
      makeItem(src, 'Tom hi', { group: 'Kit', category: 'tom', rootMidi: 60 }),
      makeItem(src, 'Tom lo', { group: 'Kit', category: 'tom', rootMidi: 40 }),
      makeItem(src, 'Cowbell', { group: 'Kit', category: 'percussion', tags: ['cowbell'] }),
      makeItem(src, 'Shaker', { group: 'Kit', category: 'percussion', tags: ['shaker'] }),
    ];
    const plan = planExport(items, { destination: dest, layout: 'category', template: 'Kit/{category}/{name}', sfz: true, decent: true });
    const sum = await runExport(plan);
    assert.deepEqual(sum.errors, []);
    assert.equal(sum.kitPaths.length, plan.kits.length);
    // Category layout: one kit per category bucket; rebuild as one group-layout kit for the full GM check.
    const dest2 = tempDir();
    try {
      const p2 = planExport(items, { destination: dest2, layout: 'group', sfz: true, decent: true });
      await runExport(p2);
      const sfzPath = join(dest2, 'Kit/Kit.sfz');
      const regions = parseSfz(readFileSync(sfzPath, 'utf8'));
      const byName = new Map(regions.map((r) => [r.sample.replace(/\.wav$/, ''), r.key]));
      for (const r of regions) assert.ok(existsSync(join(dirname(sfzPath), r.sample)), r.sample);
      assert.equal(byName.get('Kick A'), 36);
      assert.equal(byName.get('Kick B'), 35);
      assert.equal(byName.get('Snare'), 38);
      assert.equal(byName.get('Clap'), 39);
      assert.equal(byName.get('CH'), 42);
      assert.equal(byName.get('OH'), 46);
      assert.equal(byName.get('Ride'), 51);
      assert.equal(byName.get('Crash'), 49);
      assert.equal(byName.get('Tom lo'), 41);
      assert.equal(byName.get('Tom hi'), 43);
      assert.equal(byName.get('Cowbell'), 56);
      assert.equal(byName.get('Shaker'), 70);
      const third = byName.get('Kick C') as number;
      assert.ok(third > 36 && !regions.some((r) => r.key === third && r.sample !== 'Kick C.wav'), 'extra kick on a free note');
      assert.equal(new Set(regions.map((r) => r.key)).size, regions.length, 'no two pads share a note');
      const ds = parseDspreset(readFileSync(join(dest2, 'Kit/Kit.dspreset'), 'utf8'));
      assert.equal(ds.length, items.length);
      for (const s of ds) {
        assert.ok(existsSync(join(dest2, 'Kit', s.path)), s.path);
        assert.equal(s.rootNote, byName.get(s.path.replace(/\.wav$/, '')));
        assert.equal(s.loNote, s.rootNote);
      }
    } finally { rmSync(dest2, { recursive: true, force: true }); }
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(dest, { recursive: true, force: true });
  }
});

test('chromatic multisample: splits halfway between roots, round robin for equal roots', async () => {
  const src = tempDir();
  const dest = tempDir();
  try {
    const items = [48, 60, 60, 72].map((n, i) => makeItem(src, `Piano ${i}`, { group: 'Piano', category: 'keys', rootMidi: n }));
    const plan = planExport([...items, makeItem(src, 'Noise', { group: 'Piano', category: 'keys' })], { destination: dest, sfz: true, decent: true });
    await runExport(plan);
    const regions = parseSfz(readFileSync(join(dest, 'Piano/Piano.sfz'), 'utf8'));
    assert.deepEqual(regions.map((r) => [r.lokey, r.hikey, r.key]), [[0, 54, 48], [55, 66, 60], [55, 66, 60], [67, 127, 72]]);
    assert.match(readFileSync(join(dest, 'Piano/Piano.sfz'), 'utf8'), /seq_length=2/);
    assert.ok(plan.warnings.some((w) => /no detected root note/.test(w)));
    const ds = parseDspreset(readFileSync(join(dest, 'Piano/Piano.dspreset'), 'utf8'));
    assert.deepEqual(ds.map((s) => [s.loNote, s.hiNote, s.rootNote]), [[0, 54, 48], [55, 66, 60], [55, 66, 60], [67, 127, 72]]);
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(dest, { recursive: true, force: true });
  }
});

test('a vanished source is reported and the rest continues', async () => {
  const src = tempDir();
  const dest = tempDir();
  try {
    const items = [makeItem(src, 'A'), makeItem(src, 'B'), makeItem(src, 'C')];
    const plan = planExport(items, { destination: dest, layout: 'flat' });
    unlinkSync(items[1].sourcePath);
    const sum = await runExport(plan);
    assert.equal(sum.files, 2);
    assert.equal(sum.errors.length, 1);
    assert.match(sum.errors[0].message, /vanished/);
    assert.deepEqual(listFiles(dest), ['A.wav', 'C.wav', 'sonoteca-export.csv', 'sonoteca-export.json']);
    const m = JSON.parse(readFileSync(join(dest, 'sonoteca-export.json'), 'utf8')) as ExportManifest;
    assert.deepEqual(m.entries.map((e) => e.status), ['written', 'error', 'written']);
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(dest, { recursive: true, force: true });
  }
});

test('hard links share the inode; symlinks point at the source', async () => {
  const src = tempDir();
  const dest = tempDir();
  try {
    const items = [makeItem(src, 'A')];
    await runExport(planExport(items, { destination: join(dest, 'h'), layout: 'flat', mode: 'hardlink' }));
    assert.equal(statSync(join(dest, 'h/A.wav')).ino, statSync(items[0].sourcePath).ino);
    await runExport(planExport(items, { destination: join(dest, 's'), layout: 'flat', mode: 'symlink' }));
    assert.deepEqual(readFileSync(join(dest, 's/A.wav')), readFileSync(items[0].sourcePath));
    // Cross-device hard link falls back to a copy, with a message that says why.
    const exdev: ExportFs = { ...nodeExportFs, link: async (a, b) => { if (a === items[0].sourcePath) throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' }); return nodeExportFs.link(a, b); } };
    const sum = await runExport(planExport(items, { destination: join(dest, 'x'), layout: 'flat', mode: 'hardlink' }), { fs: exdev });
    assert.equal(sum.files, 1);
    assert.match(sum.notes.join(), /another drive \(EXDEV\)/);
    assert.notEqual(statSync(join(dest, 'x/A.wav')).ino, statSync(items[0].sourcePath).ino);
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(dest, { recursive: true, force: true });
  }
});

function tryMount(dir: string, opts: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir]).status === 0;
}

test('full disk: stops with a clear message, no partial files, manifest says what was done', async (t) => {
  const src = tempDir();
  const dest = tempDir();
  try {
    // ~88 kB each: two fit in 256 kB, the third does not.
    const items = [0, 1, 2, 3].map((i) => makeItem(src, `Big ${i}`, {}, 1));
    const check = (sum: Awaited<ReturnType<typeof runExport>>) => {
      assert.equal(sum.aborted, true);
      assert.match(sum.errors[0].message, /full \(no space left\)/);
      const files = listFiles(dest);
      assert.ok(!files.some((f) => f.includes('.part')), `no temp files: ${files}`);
      const m = JSON.parse(readFileSync(join(dest, 'sonoteca-export.json'), 'utf8')) as ExportManifest;
      for (const e of m.entries) {
        if (e.status === 'written') assert.deepEqual(readFileSync(join(dest, e.destination)), readFileSync(e.source));
        else assert.ok(!existsSync(join(dest, e.destination)));
      }
      assert.ok(m.entries.some((e) => e.status === 'written') && m.entries.some((e) => e.status === 'error'));
    };
    await t.test('injected ENOSPC through the fs seam', async () => {
      let copies = 0;
      const fs: ExportFs = {
        ...nodeExportFs,
        copyFile: async (s, d, m) => {
          if (++copies === 2) { writeFileSync(d, 'partial'); throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }); }
          return nodeExportFs.copyFile(s, d, m);
        },
      };
      check(await runExport(planExport(items, { destination: dest, layout: 'flat' }), { fs }));
    });
    await t.test('a real 256 kB tmpfs', async (tt) => {
      rmSync(dest, { recursive: true, force: true });
      mkdirSync(dest);
      if (!tryMount(dest, 'size=256k')) { tt.diagnostic('mount not permitted here; seam test covers ENOSPC'); return; }
      try {
        check(await runExport(planExport(items, { destination: dest, layout: 'flat' })));
      } finally { spawnSync('umount', [dest]); }
    });
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(dest, { recursive: true, force: true });
  }
});

test('read-only destination: clear error, nothing written', async () => {
  const src = tempDir();
  const dest = tempDir();
  try {
    const items = [makeItem(src, 'A', { group: 'G' })];
    const erofs: ExportFs = { ...nodeExportFs, mkdir: async (p, o) => { if (p !== dest) throw Object.assign(new Error('EROFS'), { code: 'EROFS', path: p }); return nodeExportFs.mkdir(p, o); } };
    const s1 = await runExport(planExport(items, { destination: dest }), { fs: erofs });
    assert.match(s1.errors[0].message, /read-only/);
    assert.equal(s1.files, 0);
    if (tryMount(dest, 'size=256k,ro')) {
      try {
        const s2 = await runExport(planExport(items, { destination: dest }));
        assert.equal(s2.files, 0);
        assert.match(s2.errors[0].message, /read-only/);
        assert.match(s2.errors.at(-1)?.message ?? '', /manifest not written: the destination is read-only/);
        assert.deepEqual(readdirSync(dest), []);
      } finally { spawnSync('umount', [dest]); }
    }
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(dest, { recursive: true, force: true });
  }
});

test('bad options and foreign manifests are refused with specific messages', () => {
  const dest = tempDir();
  try {
    assert.throws(() => planExport([], { destination: dest, template: '{nme}' }), /unknown template token '\{nme\}'/);
    assert.throws(() => planExport([], { destination: dest, mode: 'hardlink', convert: { format: 'wav16' } }), /cannot be combined with hardlink/);
    assert.throws(() => planExport([], { destination: dest, convert: { format: 'wav16', sampleRate: 12345 } }), /unsupported sample rate 12345/);
    writeFileSync(join(dest, 'sonoteca-export.json'), '{"hello":1}');
    assert.throws(() => planExport([], { destination: dest }), /not a Sonoteca export manifest/);
  } finally { rmSync(dest, { recursive: true, force: true }); }
});

test('cancel: files not yet written are marked in the manifest, finished ones stay valid', async () => {
  const src = tempDir();
  const dest = tempDir();
  try {
    const items = [makeItem(src, 'A'), makeItem(src, 'B'), makeItem(src, 'C')];
    const ac = new AbortController();
    const sum = await runExport(planExport(items, { destination: dest, layout: 'flat' }), {
      signal: ac.signal,
      onProgress: (p) => { if (p.done === 1) ac.abort(); },
    });
    assert.equal(sum.aborted, true);
    assert.equal(sum.files, 1);
    assert.deepEqual(listFiles(dest), ['A.wav', 'sonoteca-export.csv', 'sonoteca-export.json']);
    const m = JSON.parse(readFileSync(join(dest, 'sonoteca-export.json'), 'utf8')) as ExportManifest;
    assert.deepEqual(m.entries.map((e) => [e.status, e.message ?? '']), [['written', ''], ['error', 'not written: export cancelled'], ['error', 'not written: export cancelled']]);
    // Running the same export again finishes the job without touching A.
    const aBefore = statSync(join(dest, 'A.wav')).mtimeMs;
    const again = await runExport(planExport(items, { destination: dest, layout: 'flat' }));
    assert.equal(again.files, 2);
    assert.equal(again.skipped, 1);
    assert.equal(statSync(join(dest, 'A.wav')).mtimeMs, aBefore);
    assert.deepEqual(listFiles(dest), ['A.wav', 'B.wav', 'C.wav', 'sonoteca-export.csv', 'sonoteca-export.json']);
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(dest, { recursive: true, force: true });
  }
});
