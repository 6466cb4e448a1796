// Character tags (bright/dark, short/long, punchy/soft, tonal/noisy, distorted/clean) read off the descriptors, so
// a producer can filter "dark short punchy" without anyone labelling by hand.
import type { AnalysisResult } from '../model/analysis.js';
import type { Tag } from '../model/sample.js';

export const CHARACTER_TAGS = ['bright', 'dark', 'short', 'long', 'punchy', 'soft', 'tonal', 'noisy', 'distorted', 'clean'] as const;
export type CharacterTag = (typeof CHARACTER_TAGS)[number];

/** Maps x in [lo, hi] to confidence 0.5..1 (beyond hi → 1); below lo → 0 (tag not given). */
function ramp(x: number, lo: number, hi: number): number {
  if (!(x >= lo)) return 0;
  return Math.min(1, 0.5 + 0.5 * ((x - lo) / (hi - lo)));
}

/**
 * Derives character tags. Each pair is exclusive and the middle ground gets neither tag: a tag is only worth showing
 * when it tells a sound apart from the typical one.
 */
export function characterTags(a: AnalysisResult): Tag[] {
  const tags: Tag[] = [];
  const add = (name: CharacterTag, confidence: number) => {
    if (confidence > 0) tags.push({ name, source: 'descriptor', confidence: Math.round(confidence * 100) / 100 });
  };
  const sp = a.spectral;
  if (sp) {
    // Centroid in octaves above 1 kHz: bright above ~3.5 kHz, dark under ~700 Hz.
    const oct = Math.log2(Math.max(20, sp.centroidHz.mean) / 1000);
    add('bright', ramp(oct, 1.8, 3.2));
    add('dark', ramp(-oct, 0.5, 2));
    add('tonal', ramp(sp.tonality, 0.6, 0.9));
    add('noisy', ramp(1 - sp.tonality, 0.75, 0.95));
  }
  const env = a.envelope;
  const dur = env?.effectiveDurationSec ?? a.fingerprint?.durationSec;
  if (dur !== undefined) {
    add('short', ramp(-Math.log2(Math.max(1e-3, dur)), Math.log2(1 / 0.4), Math.log2(1 / 0.08)));
    add('long', ramp(Math.log2(Math.max(1e-3, dur)), Math.log2(2.5), Math.log2(8)));
  }
  if (env) {
    const crest = a.loudness?.crestDb ?? 12;
    // Punch = fast attack and a clear peak over the body.
    const punch = ramp(-Math.log10(Math.max(1e-4, env.attackSec)), 2, 2.7) * (crest >= 10 ? 1 : 0.6);
    add('punchy', punch);
    add('soft', ramp(Math.log10(Math.max(1e-4, env.attackSec)), -1.3, -0.7));
  }
  const ld = a.loudness;
  if (ld) {
    // Heavy clipping or a crushed crest factor with a noisy top end reads as distorted.
    const crushed = ld.clipped ? 0.8 : ramp(-ld.crestDb, -6, -3);
    const fuzzy = sp ? ramp(sp.flatness.mean, 0.25, 0.5) * (sp.tonality > 0.3 ? 1 : 0) : 0;
    const dist = Math.max(crushed, fuzzy);
    add('distorted', dist);
    if (dist === 0 && ld.crestDb >= 9 && (!sp || sp.flatness.mean < 0.15)) add('clean', ramp(ld.crestDb, 9, 18));
  }
  return tags;
}
