// Front door of the synthesizer: one labelled, realistic, deterministic sound from a spec and a seed.
import type { CategoryId } from './category-id.js';
import { SYNTH_CATEGORIES, DRUM_SYNTH_CATEGORIES } from './category-id.js';
import { FAMILIES } from './families/index.js';
import { finish } from './finish.js';
import type { FinishOptions } from './finish.js';
import { renderDrumLoop, renderTonalLoop } from './loops.js';
import { formatKey, parseKey, randomKey, shortKey } from './music.js';
import { soundName } from './names.js';
import { Rng } from './rng.js';
import { frames } from './dsp.js';

export type { CategoryId } from './category-id.js';
export { SYNTH_CATEGORIES } from './category-id.js';
export { Rng } from './rng.js';

export interface SynthSpec {
  category: CategoryId;
  variant?: string;
  seed: number;
  sampleRate?: number;
  midi?: number;
  durationSec?: number;
  velocity?: number;
  stereo?: boolean;
  loop?: { bpm: number; bars: number; key?: string };
}

export interface SynthSound {
  channels: Float32Array[];
  sampleRate: number;
  category: CategoryId;
  subTags: string[];
  kind: 'oneshot' | 'loop';
  midi?: number;
  bpm?: number;
  /** Loops in a key: 'A minor' / 'F# major'. */
  key?: string;
  name: string;
  /** The variant actually rendered (e.g. '808'); for loops 'drums' | 'top' | 'perc' or the tonal variant. */
  variant: string;
}

const DRUMS = new Set<CategoryId>(DRUM_SYNTH_CATEGORIES);

export function listVariants(category: CategoryId): string[] {
  const fam = FAMILIES[category];
  if (!fam) throw new Error(`synth: unknown category '${String(category)}' (expected one of ${SYNTH_CATEGORIES.join(', ')})`);
  return [...fam.variants];
}

function check(spec: SynthSpec): void {
  if (!FAMILIES[spec.category]) throw new Error(`synth: unknown category '${String(spec.category)}' (expected one of ${SYNTH_CATEGORIES.join(', ')})`);
  if (!Number.isFinite(spec.seed)) throw new Error(`synth: seed must be a finite number, got ${spec.seed}`);
  const sr = spec.sampleRate ?? 44100;
  if (!Number.isInteger(sr) || sr < 8000 || sr > 384000) throw new Error(`synth: sampleRate must be an integer in 8000..384000, got ${sr}`);
  if (spec.velocity !== undefined && !(spec.velocity > 0 && spec.velocity <= 1)) throw new Error(`synth: velocity must be in (0, 1], got ${spec.velocity}`);
  if (spec.durationSec !== undefined && !(spec.durationSec > 0 && spec.durationSec <= 60)) throw new Error(`synth: durationSec must be in (0, 60], got ${spec.durationSec}`);
  if (spec.midi !== undefined && !(Number.isInteger(spec.midi) && spec.midi >= 12 && spec.midi <= 115)) throw new Error(`synth: midi must be an integer in 12..115, got ${spec.midi}`);
  if (spec.loop) {
    const { bpm, bars } = spec.loop;
    if (!(bpm >= 40 && bpm <= 300)) throw new Error(`synth: loop bpm must be in 40..300, got ${bpm}`);
    if (!(Number.isInteger(bars) && bars >= 1 && bars <= 16)) throw new Error(`synth: loop bars must be an integer in 1..16, got ${bars}`);
  }
}

/** Renders one sound. Same spec → bit-identical audio. */
export function synthesize(spec: SynthSpec): SynthSound {
  check(spec);
  const sr = spec.sampleRate ?? 44100;
  const fam = FAMILIES[spec.category];
  const rng = new Rng(spec.seed);
  const voiceRng = rng.fork(1);
  const postRng = rng.fork(2);
  const velocity = spec.velocity ?? rng.range(0.55, 1);
  const stereo = spec.stereo ?? rng.chance(DRUMS.has(spec.category) ? 0.35 : 0.7);
  const useRoom = spec.loop ? rng.chance(0.5) : rng.chance(fam.room.chance);
  const roomRt = rng.range(fam.room.rt60[0], fam.room.rt60[1]) * (spec.loop ? 0.5 : 1);
  const fin: FinishOptions = {
    stereo,
    width: rng.chance(0.6) ? rng.range(0.1, 0.5) : 0,
    drive: rng.chance(0.3) ? rng.range(1.1, 2.2) : 1,
    tiltDb: rng.range(-4, 4),
    room: useRoom ? { rt60: roomRt, mix: rng.range(fam.room.mix[0], fam.room.mix[1]), size: rng.range(0.4, 1.4), damping: rng.range(0.1, 0.8), predelayMs: rng.range(0, 25) } : null,
    noiseFloorDb: rng.chance(0.4) ? rng.range(-95, -70) : null,
    peak: Math.min(1, rng.range(0.5, 0.99) * (0.8 + 0.2 * velocity)),
  };
  const serial = rng.int(1, 40);

  if (spec.loop) {
    const { bpm, bars } = spec.loop;
    let rendered;
    let key: string | undefined;
    let variant: string;
    if (DRUMS.has(spec.category)) {
      variant = spec.variant && ['drums', 'top', 'perc'].includes(spec.variant) ? spec.variant
        : spec.category === 'percussion' ? 'perc' : spec.category.startsWith('hihat') || spec.category === 'cymbal' ? 'top' : 'drums';
      rendered = renderDrumLoop(voiceRng, sr, bpm, bars, variant as 'drums' | 'top' | 'perc');
    } else {
      const k = spec.loop.key ? parseKey(spec.loop.key) : randomKey(rng);
      key = formatKey(k);
      variant = spec.variant ?? rng.pick(fam.variants);
      if (!fam.variants.includes(variant)) throw new Error(`synth: '${spec.category}' has no variant '${variant}' (have ${fam.variants.join(', ')})`);
      rendered = renderTonalLoop(spec.category, variant, voiceRng, sr, bpm, bars, k);
      fin.stereo = spec.stereo ?? fin.stereo;
    }
    const channels = finish(rendered.channels, sr, { ...fin, loopFrames: rendered.loopFrames, drive: Math.min(fin.drive, 1.5) }, postRng);
    const name = soundName(spec.category, rendered.label, serial, { loop: true, bpm: Math.round(bpm), key: key ? shortKey(parseKey(key)) : undefined });
    return { channels, sampleRate: sr, category: spec.category, subTags: rendered.subTags, kind: 'loop', bpm, key, name, variant };
  }

  const variant = spec.variant ?? rng.pick(fam.variants);
  if (!fam.variants.includes(variant)) throw new Error(`synth: '${spec.category}' has no variant '${variant}' (have ${fam.variants.join(', ')})`);
  const midi = spec.midi ?? rng.int(fam.midiRange[0], fam.midiRange[1]);
  const durationSec = spec.durationSec ?? rng.range(fam.durationRange[0], fam.durationRange[1]);
  const out = fam.render({ rng: voiceRng, sr, variant, midi, durationSec, velocity });
  const maxFrames = frames(sr, durationSec + (fin.room ? Math.min(2.5, fin.room.rt60) : 0) + 0.5);
  const channels = finish(out.channels, sr, { ...fin, maxFrames }, postRng);
  const pitched = fam.midiRange[0] !== fam.midiRange[1] && !DRUMS.has(spec.category) && spec.category !== 'fx';
  const name = soundName(spec.category, out.label, serial, { loop: false, midi: pitched ? midi : undefined });
  return { channels, sampleRate: sr, category: spec.category, subTags: out.subTags, kind: 'oneshot', midi: pitched ? midi : undefined, name, variant };
}

/** A random, varied spec: category by weight (drums are the bulk of real libraries), some loops at genre tempos. */
export function randomSpec(seed: number, opts: { categories?: CategoryId[]; loopShare?: number } = {}): SynthSpec {
  const rng = new Rng(seed ^ 0x5eed);
  const cats = opts.categories?.length ? opts.categories : SYNTH_CATEGORIES;
  for (const c of cats) if (!FAMILIES[c]) throw new Error(`synth: unknown category '${String(c)}'`);
  const weighted = cats.map((c) => [c, DRUMS.has(c) ? 2 : 1] as const);
  const category = rng.weighted(weighted);
  const spec: SynthSpec = { category, seed: rng.u32() };
  if (rng.chance(opts.loopShare ?? 0)) {
    const bpm = rng.pick([rng.int(80, 98), rng.int(118, 128), rng.int(130, 150), rng.int(170, 175), rng.int(100, 115)]);
    spec.loop = { bpm, bars: rng.pick([1, 2, 2, 4]) };
    if (!DRUMS.has(category) && category !== 'fx') spec.loop.key = formatKey(randomKey(rng));
    if (category === 'fx') spec.category = 'percussion';
  }
  return spec;
}
