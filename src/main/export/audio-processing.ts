// The edits an export can apply to PCM before writing: channel layout, silence trim, fade-out, peak normalisation.
// All work on planar Float32Array channels and return new arrays; the source PCM is never changed in place.

export const TRIM_THRESHOLD_DB = -60;

export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}

/** Mono = average of all channels; stereo from mono duplicates it; stereo from >2 keeps the first two. */
export function toChannelCount(channels: Float32Array[], count: 1 | 2): Float32Array[] {
  if (channels.length === count) return channels;
  if (count === 1) {
    const n = channels[0].length;
    const out = new Float32Array(n);
    for (const c of channels) for (let i = 0; i < n; i++) out[i] += c[i];
    for (let i = 0; i < n; i++) out[i] /= channels.length;
    return [out];
  }
  return channels.length === 1 ? [channels[0], channels[0].slice()] : channels.slice(0, 2);
}

function frameAbove(channels: Float32Array[], i: number, threshold: number): boolean {
  for (const c of channels) if (Math.abs(c[i]) > threshold) return true;
  return false;
}

/**
 * Cuts leading and trailing silence below `thresholdDb`. The start backs up to the previous zero crossing (at
 * most 5 ms) so the first transient keeps its onset; the cut tail gets a 2 ms fade so it ends without a click.
 * Returns the kept range too, so loop points can be moved.
 */
export function trimSilence(channels: Float32Array[], sampleRate: number, thresholdDb = TRIM_THRESHOLD_DB): { channels: Float32Array[]; start: number; end: number } {
  const n = channels[0]?.length ?? 0;
  const th = dbToGain(thresholdDb);
  let start = 0;
  while (start < n && !frameAbove(channels, start, th)) start++;
  if (start === n) return { channels: channels.map(() => new Float32Array(0)), start: 0, end: 0 };
  let end = n;
  while (end > start && !frameAbove(channels, end - 1, th)) end--;
  const maxBack = Math.round(sampleRate * 0.005);
  const ref = channels[0];
  for (let i = start, lim = Math.max(0, start - maxBack); i > lim; i--) {
    if (Math.sign(ref[i - 1]) !== Math.sign(ref[start]) || ref[i - 1] === 0) { start = i - 1; break; }
  }
  const tailFade = end < n ? Math.min(end - start, Math.round(sampleRate * 0.002)) : 0;
  end = Math.min(n, end + tailFade);
  const out = channels.map((c) => c.slice(start, end));
  if (tailFade > 0) fadeOut(out, tailFade);
  return { channels: out, start, end };
}

/** Fades the last `frames` frames to silence along a raised-cosine curve, in place. */
export function fadeOut(channels: Float32Array[], frames: number): void {
  const n = channels[0]?.length ?? 0;
  const len = Math.min(n, Math.max(0, Math.round(frames)));
  for (const c of channels) {
    for (let i = 0; i < len; i++) {
      const t = (i + 1) / len; // 0 → 1 over the fade
      c[n - len + i] *= 0.5 * (1 + Math.cos(Math.PI * t));
    }
  }
}

export function peakOf(channels: Float32Array[]): number {
  let p = 0;
  for (const c of channels) for (let i = 0; i < c.length; i++) { const a = Math.abs(c[i]); if (a > p) p = a; }
  return p;
}

/** Scales so the sample peak sits at `targetDb`; silence stays silence. In place. */
export function normalizePeak(channels: Float32Array[], targetDb: number): void {
  const peak = peakOf(channels);
  if (peak <= 0) return;
  const g = dbToGain(targetDb) / peak;
  for (const c of channels) for (let i = 0; i < c.length; i++) c[i] *= g;
}
