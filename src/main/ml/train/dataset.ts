// Turns decoded sounds into the flat log-mel arrays the trainer batches from: the clean patch plus augmented
// variants per sound, and seeded synthetic drums.
import { MEL_BANDS, MEL_FRAMES, logMelPatch } from '../log-mel.js';
import { categoryIndex } from '../taxonomy.js';
import { augment } from './augment.js';
import { SYNTH_DRUMS, synthDrum } from './drum-synth.js';
import type { Rng } from './rng.js';
import { synthesize } from '../../synth/index.js';
import { DRUM_SYNTH_CATEGORIES } from '../../synth/category-id.js';

export const PATCH = MEL_FRAMES * MEL_BANDS;

export interface Sound {
  mono: Float32Array;
  sampleRate: number;
  category: number;
  source: string;
}

export interface Examples {
  /** n × PATCH log-mel values. */
  x: Float32Array;
  /** Category index per example. */
  y: Int32Array;
  /** Source per example, for per-source accuracy. */
  source: string[];
  n: number;
}

/** Clean patch plus `variants` augmented copies of every sound (variants = 0 for evaluation sets). */
export function buildExamples(sounds: Sound[], variants: number, rng: Rng, opts: { production?: boolean } = {}): Examples {
  const n = sounds.length * (1 + variants);
  const x = new Float32Array(n * PATCH);
  const y = new Int32Array(n);
  const source: string[] = [];
  let k = 0;
  for (const s of sounds) {
    for (let v = 0; v <= variants; v++) {
      const audio = v === 0 ? s.mono : augment(s.mono, s.sampleRate, rng, { production: opts.production });
      logMelPatch(audio, s.sampleRate, x.subarray(k * PATCH, (k + 1) * PATCH));
      y[k] = s.category;
      source.push(s.source);
      k++;
    }
  }
  return { x, y, source, n };
}

/** `perClass` synthesized drum hits of every synthesizable drum class. */
export function synthSounds(perClass: number, sampleRate: number, rng: Rng): Sound[] {
  const out: Sound[] = [];
  for (const kind of SYNTH_DRUMS) {
    for (let i = 0; i < perClass; i++) out.push({ mono: synthDrum(kind, sampleRate, rng), sampleRate, category: categoryIndex(kind), source: 'synth' });
  }
  return out;
}

/**
 * Drum and percussion one-shots from the sample synthesizer (src/main/synth): other recipes than drum-synth's, plus
 * the hand drums (tabla, djembe, darbuka…) and auxiliary percussion the soundfonts' GM kits barely cover.
 * Percussion gets three times `perClass` because it is the most varied drum class.
 */
export function familyDrumSounds(perClass: number, sampleRate: number, seed: number): Sound[] {
  const out: Sound[] = [];
  for (const category of DRUM_SYNTH_CATEGORIES) {
    const n = category === 'percussion' ? 3 * perClass : perClass;
    for (let i = 0; i < n; i++) {
      const s = synthesize({ category, seed: seed * 100003 + out.length, sampleRate });
      const mono = new Float32Array(s.channels[0].length);
      for (const ch of s.channels) for (let j = 0; j < mono.length; j++) mono[j] += ch[j] / s.channels.length;
      out.push({ mono, sampleRate, category: categoryIndex(category), source: 'synth' });
    }
  }
  return out;
}
