// Simple drum generators for the ML tests, deliberately unlike the trainer's synth so tests probe generalisation.

export const RATE = 44100;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A sine kick: pitch sweep from `f0` down to `f1`, decay `tau` seconds. */
export function kick(seed: number, f0 = 150, f1 = 50, tau = 0.25, rate = RATE): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(Math.round(rate * 0.8));
  let ph = 0;
  const f0j = f0 * (0.9 + 0.2 * r());
  for (let i = 0; i < out.length; i++) {
    const t = i / rate;
    ph += (2 * Math.PI * (f1 + (f0j - f1) * Math.exp(-t / 0.03))) / rate;
    out[i] = 0.8 * Math.sin(ph) * Math.exp(-t / tau);
  }
  return out;
}

/** A noise snare with a short tonal body. */
export function snare(seed: number, rate = RATE): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(Math.round(rate * 0.5));
  let prev = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / rate;
    const n = r() * 2 - 1;
    const hp = n - prev;
    prev = n;
    out[i] = 0.6 * hp * Math.exp(-t / (0.08 + 0.04 * (seed % 3))) + 0.3 * Math.sin(2 * Math.PI * 190 * t) * Math.exp(-t / 0.04);
  }
  return out;
}

/** An "acoustic" kick: short, with a beater click of noise. */
export function acousticKick(seed: number, rate = RATE): Float32Array {
  const r = rng(seed + 99);
  const out = kick(seed, 110, 60, 0.09, rate);
  for (let i = 0; i < Math.round(rate * 0.01); i++) out[i] += 0.5 * (r() * 2 - 1) * (1 - i / (rate * 0.01));
  return out;
}

export const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, v, i) => s + v * b[i], 0);

/** Mean cosine similarity over pairs of a and b (excluding identical indices when a === b). */
export function meanSimilarity(a: Float32Array[], b: Float32Array[]): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      if (a === b && i === j) continue;
      sum += dot(a[i], b[j]);
      n++;
    }
  }
  return sum / n;
}
