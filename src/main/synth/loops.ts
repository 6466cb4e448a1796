// Loops at an exact tempo: drum/top/percussion loops from genre patterns and bass/chord/arp loops in a key.
// Rendered one period long; tails are folded onto the start by finish() so the loop repeats seamlessly.
import type { CategoryId } from './category-id.js';
import { FAMILIES } from './families/index.js';
import { PATTERNS, GENRES, GENRE_LABEL } from './drum-patterns.js';
import type { Genre } from './drum-patterns.js';
import { degreeToMidi, progression } from './music.js';
import type { MusicalKey } from './music.js';
import { mixInto, peakOf } from './dsp.js';
import type { Rng } from './rng.js';

export interface LoopRender {
  channels: Float32Array[];
  subTags: string[];
  label: string;
  /** Frames of one loop period; the render may be longer (tails). */
  loopFrames: number;
}

export function loopFramesFor(sr: number, bpm: number, bars: number): number {
  return Math.round((bars * 4 * 60 * sr) / bpm);
}

function hit(category: CategoryId, variant: string, rng: Rng, sr: number, velocity: number, midi?: number, durationSec?: number): Float32Array {
  const fam = FAMILIES[category];
  const out = fam.render({ rng, sr, variant, midi: midi ?? fam.midiRange[0], durationSec: durationSec ?? fam.durationRange[1], velocity });
  const ch = out.channels;
  if (ch.length === 1) return ch[0];
  const m = new Float32Array(ch[0].length);
  for (let i = 0; i < m.length; i++) m[i] = 0.5 * (ch[0][i] + ch[1][i]);
  return m;
}

function normalised(buf: Float32Array, peak: number): Float32Array {
  const p = peakOf([buf]);
  if (p > 0) for (let i = 0; i < buf.length; i++) buf[i] *= peak / p;
  return buf;
}

const KIT: Record<Genre, { kick: string; snare: string; hat: string; open: string }> = {
  house: { kick: '909', snare: '909', hat: '808', open: '808' },
  techno: { kick: 'distorted', snare: '909', hat: 'fm', open: 'fm' },
  hiphop: { kick: 'acoustic', snare: 'acoustic', hat: 'acoustic', open: 'acoustic' },
  breakbeat: { kick: 'acoustic', snare: 'snappy', hat: 'acoustic', open: 'acoustic' },
  trap: { kick: '808', snare: '808', hat: 'tight', open: '808' },
  dnb: { kick: 'punchy', snare: 'snappy', hat: 'tight', open: 'acoustic' },
};

/** Full kit ('drums'), hats-and-cymbals ('top') or hand percussion ('perc') loop. */
export function renderDrumLoop(rng: Rng, sr: number, bpm: number, bars: number, kind: 'drums' | 'top' | 'perc', genreIn?: Genre): LoopRender {
  const genre = genreIn ?? rng.pick(GENRES);
  const pat = rng.pick(PATTERNS[genre]);
  const L = loopFramesFor(sr, bpm, bars);
  const tail = Math.round(sr * 1.5);
  const out = new Float32Array(L + tail);
  const stepF = L / (bars * 16);
  const kit = KIT[genre];
  const layers: { buf: Float32Array; steps: number[]; gain: number; rolls?: number[] }[] = [];
  const add = (cat: CategoryId, variant: string, steps: number[], gain: number, dur?: number, rolls?: number[]) => {
    if (steps.length || rolls?.length) layers.push({ buf: normalised(hit(cat, variant, rng.fork(layers.length), sr, 0.9, undefined, dur), 1), steps, gain, rolls });
  };
  if (kind === 'drums') {
    add('kick', kit.kick, pat.kick, 1, genre === 'trap' ? 1.2 : 0.5);
    add('snare', kit.snare, pat.snare, 0.8);
    add('clap', rng.pick(['808', 'tight']), pat.clap, 0.75);
  }
  if (kind !== 'perc') {
    add('hihat_closed', kit.hat, pat.hatClosed, 0.45, 0.12, pat.rolls);
    add('hihat_open', kit.open, pat.hatOpen, 0.4, 0.4);
    if (kind === 'top') add('cymbal', 'ride', [0, 4, 8, 12], 0.3, 1.5);
  } else {
    const pieces = rng.int(2, 4);
    for (let k = 0; k < pieces; k++) {
      const v = rng.pick(['shaker', 'conga', 'bongo', 'cowbell', 'clave', 'woodblock', 'tambourine', 'rim']);
      const steps = Array.from({ length: 16 }, (_, i) => i).filter(() => rng.chance(v === 'shaker' ? 0.8 : 0.3));
      add('percussion', v, steps, v === 'shaker' ? 0.35 : 0.6);
    }
  }
  const swing = pat.swing;
  for (const layer of layers) {
    for (let bar = 0; bar < bars; bar++) {
      for (const s of layer.steps) {
        const swingShift = s % 2 === 1 ? swing * stepF : 0;
        const at = Math.round((bar * 16 + s) * stepF + swingShift);
        mixInto(out, layer.buf, at, layer.gain * rng.range(0.75, 1));
      }
      for (const s of layer.rolls ?? []) {
        const sub = rng.pick([2, 3, 4]);
        for (let k = 0; k < sub; k++) mixInto(out, layer.buf, Math.round((bar * 16 + s + k / sub) * stepF), layer.gain * (0.6 + 0.1 * k));
      }
    }
  }
  const what = kind === 'drums' ? 'Drum Loop' : kind === 'top' ? 'Top Loop' : 'Perc Loop';
  return { channels: [out], subTags: [kind === 'drums' ? 'drum-loop' : kind === 'top' ? 'top-loop' : 'perc-loop', genre], label: `${what} ${GENRE_LABEL[genre]}`, loopFrames: L };
}

/** Bass line, chord progression or arpeggio for a tonal category, in the key, one chord per bar. */
export function renderTonalLoop(category: CategoryId, variant: string, rng: Rng, sr: number, bpm: number, bars: number, key: MusicalKey): LoopRender {
  const fam = FAMILIES[category];
  const L = loopFramesFor(sr, bpm, bars);
  const beat = 60 / bpm;
  const out = [new Float32Array(L + Math.round(sr * 2)), new Float32Array(L + Math.round(sr * 2))];
  const prog = progression(key, rng);
  const style: 'bass' | 'chords' | 'arp' = category === 'bass' ? 'bass' : ['keys', 'organ', 'pad', 'strings', 'brass', 'vocal'].includes(category) ? 'chords' : 'arp';
  const lo = fam.midiRange[0];
  const base = Math.max(24, Math.min(72, Math.round((lo + fam.midiRange[1]) / 2) - 6)) - 0;
  const octave = 12 * Math.floor(base / 12);
  const place = (midi: number, atBeats: number, lenBeats: number, gain: number) => {
    const note = fam.render({ rng: rng.fork(Math.round(atBeats * 16) * 128 + midi), sr, variant, midi, durationSec: lenBeats * beat * 0.95, velocity: rng.range(0.6, 1) });
    const at = Math.round(atBeats * beat * sr);
    for (let c = 0; c < 2; c++) mixInto(out[c], note.channels[Math.min(c, note.channels.length - 1)], at, gain);
  };
  const rhythm = rng.pick([[0, 1.5, 2.5, 3], [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5], [0, 0.75, 1.5, 2, 3], [0, 2]]);
  const arpStep = rng.pick([0.25, 0.5]);
  for (let bar = 0; bar < bars; bar++) {
    const root = prog[bar % prog.length];
    const b0 = bar * 4;
    if (style === 'bass') {
      for (let k = 0; k < rhythm.length; k++) {
        const next = k + 1 < rhythm.length ? rhythm[k + 1] : 4;
        place(degreeToMidi(key, octave, root + (rng.chance(0.2) ? 4 : 0)), b0 + rhythm[k], next - rhythm[k], 0.9);
      }
    } else if (style === 'chords') {
      for (const d of [0, 2, 4]) place(degreeToMidi(key, octave, root + d), b0, 4, 0.45);
    } else {
      const tones = [0, 2, 4, 7];
      for (let k = 0; k < 4 / arpStep; k++) place(degreeToMidi(key, octave, root + tones[k % tones.length]), b0 + k * arpStep, arpStep, 0.6);
    }
  }
  const word = style === 'bass' ? 'Bass Loop' : style === 'chords' ? 'Chords' : 'Arp';
  return { channels: out, subTags: [style === 'bass' ? 'bassline' : style === 'chords' ? 'chord-loop' : 'arp'], label: word, loopFrames: L };
}
