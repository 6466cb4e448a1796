// Native-rate analyzers: BS.1770 loudness, level stats, peaks sizes and the PCM fingerprint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseSource } from '../../src/main/analysis/analyse-source.js';
import { sourceFromPcm } from '../../src/main/decode/audio-source.js';
import { sine, whiteNoise } from '../support/signals.js';

for (const sr of [48000, 44100]) {
  test(`BS.1770 at ${sr} Hz: 1 kHz sine at -20 dBFS mono reads -23.0 LUFS, at 0 dBFS -3.01`, async () => {
    const quiet = await analyseSource(sourceFromPcm([sine(1000, 5, sr, Math.pow(10, -20 / 20))], sr), { only: ['loudness'] });
    assert.ok(Math.abs(quiet.loudness!.lufs + 23.0) < 0.1, `${quiet.loudness!.lufs}`);
    const full = await analyseSource(sourceFromPcm([sine(1000, 5, sr, 1)], sr), { only: ['loudness'] });
    assert.ok(Math.abs(full.loudness!.lufs + 3.01) < 0.1, `${full.loudness!.lufs}`);
  });
}

test('gating ignores silence: a tone followed by silence reads like the tone', async () => {
  const sr = 48000;
  const x = new Float32Array(sr * 10);
  x.set(sine(1000, 5, sr, 0.1));
  const r = await analyseSource(sourceFromPcm([x], sr), { only: ['loudness'] });
  assert.ok(Math.abs(r.loudness!.lufs - (-3.01 - 20)) < 0.2, `${r.loudness!.lufs}`);
  assert.ok(Math.abs(r.loudness!.trailingSilenceSec - 5) < 0.01);
});

test('level statistics: peak, RMS, crest, silence, DC, clipping', async () => {
  const sr = 44100;
  const x = new Float32Array(sr);
  x.set(sine(100, 0.5, sr, 0.5), sr / 4);
  const r = (await analyseSource(sourceFromPcm([x], sr), { only: ['loudness'] })).loudness!;
  assert.ok(Math.abs(r.peakDb - 20 * Math.log10(0.5)) < 0.1);
  assert.ok(Math.abs(r.leadingSilenceSec - 0.25) < 0.01, `${r.leadingSilenceSec}`);
  assert.ok(Math.abs(r.trailingSilenceSec - 0.25) < 0.01, `${r.trailingSilenceSec}`);
  // A sine's crest factor is 3.01 dB; the silent half lowers the RMS by another 3.01.
  assert.ok(Math.abs(r.crestDb - 6.02) < 0.1, `${r.crestDb}`);
  assert.equal(Math.abs(r.dcOffset) < 1e-4, true);
  const dc = (await analyseSource(sourceFromPcm([x.map((v) => v + 0.01)], sr), { only: ['loudness'] })).loudness!;
  assert.ok(Math.abs(dc.dcOffset - 0.01) < 0.001, `${dc.dcOffset}`);
  assert.equal(r.clipped, false);
  const clip = sine(100, 0.5, sr, 2).map((v) => Math.max(-1, Math.min(1, v)));
  assert.equal((await analyseSource(sourceFromPcm([clip], sr), { only: ['loudness'] })).loudness!.clipped, true);
});

test('short files use ungated loudness', async () => {
  const r = await analyseSource(sourceFromPcm([sine(1000, 0.2, 48000, 0.1)], 48000), { only: ['loudness'] });
  assert.ok(Math.abs(r.loudness!.lufs + 23.01) < 0.3, `${r.loudness!.lufs}`);
});

test('peaks: ~1000 overview buckets and 200 detail buckets per second of the mono mix', async () => {
  const sr = 44100;
  const l = sine(50, 3, sr, 0.8), rgt = new Float32Array(l.length);
  const r = (await analyseSource(sourceFromPcm([l, rgt], sr), { only: ['peaks'] })).peaks!;
  assert.ok(r.overview.min.length <= 1000 && r.overview.min.length >= 990, `${r.overview.min.length}`);
  assert.ok(Math.abs(r.detail.min.length - 600) <= 3, `${r.detail.min.length}`);
  assert.ok(Math.abs(Math.max(...r.overview.max) - 0.4) < 0.01);
  assert.ok(Math.abs(Math.min(...r.overview.min) + 0.4) < 0.01);
});

test('peaks with unknown length still give a bounded overview', async () => {
  const sr = 44100;
  const src = sourceFromPcm([whiteNoise(20, sr)], sr, { info: { frames: null } });
  const r = (await analyseSource(src, { only: ['peaks'] })).peaks!;
  assert.ok(r.overview.min.length >= 1000 && r.overview.min.length <= 2000, `${r.overview.min.length}`);
});

test('fingerprint: 16-bit-exact audio hashes equal whatever its float representation; any change alters it', async () => {
  const sr = 44100;
  const ints = Int16Array.from(sine(440, 1, sr, 0.5), (v) => Math.round(v * 32767));
  // As a 16-bit WAV/FLAC decoder would deliver it, and as float32 audio holding the same values.
  const a = [Float32Array.from(ints, (v) => v / 32768)];
  const b = [Float64Array.from(ints, (v) => v / 32768)].map((x) => Float32Array.from(x));
  const ha = (await analyseSource(sourceFromPcm(a, sr), { only: ['fingerprint'] })).fingerprint!;
  const hb = (await analyseSource(sourceFromPcm(b, sr), { only: ['fingerprint'] })).fingerprint!;
  assert.equal(ha.pcmHash, hb.pcmHash);
  assert.equal(ha.frames, sr);
  assert.ok(Math.abs(ha.durationSec - 1) < 1e-9);
  const c = [a[0].slice()];
  c[0][1000] += 1 / 32768;
  const hc = (await analyseSource(sourceFromPcm(c, sr), { only: ['fingerprint'] })).fingerprint!;
  assert.notEqual(hc.pcmHash, ha.pcmHash);
});

test('gated loudness agrees across the short-list/histogram switch and gates quiet stretches the same way', async () => {
  // 4 s loud between 2 s and 6 s, -30 dB elsewhere. The 8 s file stays in the short list of gating blocks; the 40 s
  // file (32 s more of the quiet tone) overflows into the histogram after its loud blocks were listed. The quiet
  // blocks fall below the relative gate in both, so both must read the same, which needs the listed loud blocks to
  // survive the switch.
  const sr = 8000;
  const program = (sec: number) => {
    const x = sine(1000, sec, sr, 0.5);
    for (let i = 0; i < x.length; i++) if (i < 2 * sr || i >= 6 * sr) x[i] *= 0.0316;
    return x;
  };
  const short = await analyseSource(sourceFromPcm([program(8), program(8)], sr), { only: ['loudness'] });
  const long = await analyseSource(sourceFromPcm([program(40), program(40)], sr), { only: ['loudness'] });
  // The loud part alone, both channels, reads ≈ -6.02 LUFS; ungated, the quiet part would pull it lower.
  assert.ok(Math.abs(short.loudness!.lufs + 6.02) < 0.3, `short ${short.loudness!.lufs}`);
  assert.ok(Math.abs(long.loudness!.lufs - short.loudness!.lufs) < 0.01, `long ${long.loudness!.lufs} vs short ${short.loudness!.lufs}`);
});
