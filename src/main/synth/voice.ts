// The contract between the synthesizer front door and each instrument family file.
import type { Rng } from './rng.js';
import type { CategoryId } from './category-id.js';

export interface VoiceParams {
  rng: Rng;
  sr: number;
  variant: string;
  /** MIDI note for tonal voices (also tunes toms and tuned percussion). */
  midi: number;
  /** Intended length; decaying voices may end earlier (finish() trims silence). */
  durationSec: number;
  /** 0..1; shapes brightness and attack, not only level. */
  velocity: number;
}

export interface VoiceOut {
  /** 1 (mono; finish() may widen it) or 2 channels. */
  channels: Float32Array[];
  /** Taxonomy sub-tags plus synth-specific descriptors (e.g. '808', 'crash'). */
  subTags: string[];
  /** Words for the file name, e.g. '808 Long' or 'Rimshot'. */
  label: string;
}

export interface Family {
  category: CategoryId;
  variants: readonly string[];
  /** Pitched voices get a MIDI note from this range when the spec gives none. */
  midiRange: readonly [number, number];
  /** Default duration range in seconds when the spec gives none. */
  durationRange: readonly [number, number];
  /** Chance a random render gets a room, and how big it tends to be (rt60 seconds range). */
  room: { chance: number; rt60: readonly [number, number]; mix: readonly [number, number] };
  render(p: VoiceParams): VoiceOut;
}
