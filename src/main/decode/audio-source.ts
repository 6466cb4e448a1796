// The one shape every decoder produces: header facts, embedded metadata, and PCM as a stream of planar blocks,
// so a one-hour file never has to sit in memory whole.
import type { AudioInfo, EmbeddedMetadata } from '../../shared/model/audio.js';

/** At most this many frames per block a decoder yields. */
export const MAX_BLOCK_FRAMES = 65536;

export interface AudioSource {
  readonly path: string;
  readonly info: AudioInfo;
  readonly metadata: EmbeddedMetadata;
  /**
   * Yields planar float blocks in order: one Float32Array per channel, all the same length (≤ MAX_BLOCK_FRAMES),
   * samples in [-1, 1]. Can be iterated once. Throws AudioDecodeError on damaged data found mid-stream.
   */
  blocks(): AsyncIterable<Float32Array[]>;
  /** Releases file handles and decoder memory; safe to call twice. */
  close(): Promise<void>;
}

/** Wraps PCM already in memory as an AudioSource (tests, synthesized audio, re-analysis of buffers). */
export function sourceFromPcm(channels: Float32Array[], sampleRate: number, opts: { path?: string; info?: Partial<AudioInfo>; metadata?: EmbeddedMetadata } = {}): AudioSource {
  const frames = channels[0]?.length ?? 0;
  const info: AudioInfo = { format: 'wav', codec: 'pcm_f32le', sampleRate, channels: channels.length, bitDepth: 32, frames, ...opts.info };
  return {
    path: opts.path ?? '<memory>',
    info,
    metadata: opts.metadata ?? {},
    async *blocks() {
      for (let start = 0; start < frames; start += MAX_BLOCK_FRAMES) {
        const end = Math.min(frames, start + MAX_BLOCK_FRAMES);
        yield channels.map((c) => c.subarray(start, end));
      }
    },
    async close() {},
  };
}
