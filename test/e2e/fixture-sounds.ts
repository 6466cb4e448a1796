// Small, clearly different drum and tonal sounds synthesized in code for the end-to-end tests (16-bit WAV).
import { writeFile } from 'node:fs/promises';
import { encodeWav } from '../../src/main/encode/wav-writer.js';

const SR = 22050;

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

export type FixtureKind = 'kick' | 'snare' | 'hat' | 'pad';

export function synthFixture(kind: FixtureKind, seed: number): Float32Array {
  const rand = rng(seed * 7919 + kind.length);
  const vary = 1 + 0.1 * rand();
  const len = Math.round(SR * (kind === 'pad' ? 1.5 : kind === 'hat' ? 0.12 : kind === 'snare' ? 0.3 : 0.45));
  const out = new Float32Array(len);
  let phase = 0;
  let prev = 0;
  for (let i = 0; i < len; i++) {
    const t = i / SR;
    let v = 0;
    if (kind === 'kick') {
      const f = (45 + 110 * Math.exp(-t * 30)) * vary;
      phase += (2 * Math.PI * f) / SR;
      v = Math.sin(phase) * Math.exp(-t * 7);
    } else if (kind === 'snare') {
      phase += (2 * Math.PI * 190 * vary) / SR;
      v = 0.5 * Math.sin(phase) * Math.exp(-t * 25) + 0.6 * rand() * Math.exp(-t * 14);
    } else if (kind === 'hat') {
      const n = rand();
      v = (n - prev) * 0.6 * Math.exp(-t * 45);
      prev = n;
    } else {
      const f0 = 220 * vary;
      for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * f0 * h * t * (1 + 0.002 * h)) / h;
      v *= 0.3 * Math.min(1, t / 0.4) * Math.min(1, (len - i) / (0.2 * SR));
    }
    out[i] = Math.max(-1, Math.min(1, v * 0.8));
  }
  return out;
}

export async function writeFixture(path: string, kind: FixtureKind, seed: number): Promise<void> {
  await writeFile(path, encodeWav([synthFixture(kind, seed)], SR, { bitDepth: 16 }));
}
