// A 10-minute stereo stream is analysed in bounded memory (the source generates blocks on the fly).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseSource } from '../../src/main/analysis/analyse-source.js';
import { MAX_BLOCK_FRAMES, type AudioSource } from '../../src/main/decode/audio-source.js';

function generatedSource(sec: number, sr: number): AudioSource {
  const frames = Math.round(sec * sr);
  return {
    path: '<generated>',
    info: { format: 'wav', codec: 'pcm_f32le', sampleRate: sr, channels: 2, bitDepth: 32, frames },
    metadata: {},
    async *blocks() {
      const l = new Float32Array(MAX_BLOCK_FRAMES), r = new Float32Array(MAX_BLOCK_FRAMES);
      for (let start = 0; start < frames; start += MAX_BLOCK_FRAMES) {
        const n = Math.min(MAX_BLOCK_FRAMES, frames - start);
        for (let i = 0; i < n; i++) {
          const t = (start + i) / sr;
          // A 110 Hz tone pulsing at 2 Hz (120 BPM) so every analyzer has something to chew on.
          const env = Math.exp(-((t * 2) % 1) * 6);
          l[i] = 0.4 * env * Math.sin(2 * Math.PI * 110 * t);
          r[i] = 0.3 * env * Math.sin(2 * Math.PI * 110 * t + 0.5);
        }
        yield [l.subarray(0, n), r.subarray(0, n)];
      }
    },
    async close() {},
  };
}

test('a 10-minute stereo source is analysed with bounded memory', async () => {
  global.gc?.();
  const before = process.memoryUsage();
  let peak = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
  }, 20);
  const r = await analyseSource(generatedSource(600, 44100));
  clearInterval(timer);
  const m = process.memoryUsage();
  peak = Math.max(peak, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
  // 10 minutes of stereo float PCM alone would be 212 MB.
  assert.ok(peak < 80 * 1024 * 1024, `peak growth ${(peak / 1048576).toFixed(1)} MB`);
  assert.equal(r.fingerprint?.frames, 600 * 44100);
  assert.ok(Math.abs(r.fingerprint!.durationSec - 600) < 1e-6);
  assert.ok(r.peaks!.overview.min.length <= 1001);
  assert.ok(r.peaks!.detail.min.length <= 131072);
  assert.ok(Math.abs(r.envelope!.effectiveDurationSec - 600) < 1);
  assert.ok(r.rhythm!.bpm && Math.abs(r.rhythm!.bpm - 120) < 1, `${r.rhythm!.bpm}`);
  assert.equal(r.pitch?.note, 'A2');
});
