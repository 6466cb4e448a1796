// Decodes one source, applies the export's conversion (channels, trim, resample, fade, normalise) and encodes a
// WAV in memory carrying the library's root note / tempo in smpl and acid chunks.
import type { EmbeddedMetadata, LoopPoint } from '../../shared/model/audio.js';
import { openAudio } from '../decode/open-audio.js';
import { encodeWav } from '../encode/wav-writer.js';
import { fadeOut, normalizePeak, toChannelCount, trimSilence } from './audio-processing.js';
import type { ConversionOptions, ExportItem } from './export-types.js';
import { resampleChannel } from './resample.js';

export async function convertItem(item: ExportItem, c: ConversionOptions): Promise<Buffer> {
  const src = await openAudio(item.sourcePath);
  let rate: number;
  let channels: Float32Array[];
  let meta: EmbeddedMetadata;
  try {
    rate = src.info.sampleRate;
    meta = src.metadata;
    const parts: Float32Array[][] = src.info.channels > 0 ? Array.from({ length: src.info.channels }, () => []) : [];
    for await (const block of src.blocks()) block.forEach((ch, i) => parts[i].push(ch.slice()));
    channels = parts.map((list) => {
      const out = new Float32Array(list.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const b of list) { out.set(b, at); at += b.length; }
      return out;
    });
  } finally {
    await src.close();
  }
  if (c.channels) channels = toChannelCount(channels, c.channels === 'mono' ? 1 : 2);
  let loops: LoopPoint[] = meta.loopPoints ?? [];
  if (c.trim) {
    const t = trimSilence(channels, rate);
    channels = t.channels;
    loops = loops.map((l) => ({ start: l.start - t.start, end: l.end - t.start })).filter((l) => l.start >= 0 && l.end < t.end - t.start);
  }
  const outRate = c.sampleRate ?? rate;
  if (outRate !== rate) {
    channels = channels.map((ch) => resampleChannel(ch, rate, outRate));
    const r = outRate / rate;
    loops = loops.map((l) => ({ start: Math.round(l.start * r), end: Math.round(l.end * r) }));
  }
  if (c.fadeOutMs) fadeOut(channels, (c.fadeOutMs / 1000) * outRate);
  if (c.normalize !== undefined && c.normalize !== false) normalizePeak(channels, c.normalize === true ? -0.3 : c.normalize);
  const frames = channels[0]?.length ?? 0;
  const metadata: EmbeddedMetadata = {
    title: item.name,
    ...(item.rootMidi != null ? { rootNote: Math.round(item.rootMidi) } : meta.rootNote != null ? { rootNote: meta.rootNote } : {}),
    ...(item.bpm ? { bpm: item.bpm } : meta.bpm ? { bpm: meta.bpm } : {}),
    ...(item.key ? { key: item.key } : {}),
    ...(item.kind ? { loop: item.kind === 'loop' } : {}),
    ...(item.kind === 'loop' && item.bpm ? { beats: Math.max(1, Math.round((frames / outRate) * item.bpm / 60)) } : {}),
    ...(loops.length ? { loopPoints: loops } : {}),
    ...(item.tags.length ? { comment: item.tags.join(', ') } : {}),
    software: 'Sonoteca',
  };
  const bitDepth = c.format === 'wav16' ? 16 : c.format === 'wav24' ? 24 : 32;
  return encodeWav(channels, outRate, { bitDepth, float: c.format === 'wav32f', metadata, dither: c.format === 'wav16' });
}
