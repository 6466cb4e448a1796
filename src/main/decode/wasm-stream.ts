// Feeds a file region to a wasm streaming decoder (FLAC, Vorbis, MP3) in ~1 MiB reads and re-blocks its output into
// ≤ MAX_BLOCK_FRAMES planar blocks; turns decoder errors and short streams into specific AudioDecodeErrors.
import { MAX_BLOCK_FRAMES } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import { STREAM_READ_BYTES } from './byte-source.js';
import { AudioDecodeError } from './decode-error.js';

export interface DecodedChunk {
  channelData: Float32Array[];
  samplesDecoded: number;
  errors: { message: string; outputSamples?: number }[];
}

export interface StreamDecoder {
  decode(chunk: Uint8Array): DecodedChunk | Promise<DecodedChunk>;
  flush?(): Promise<DecodedChunk>;
  reset(): Promise<void>;
  free(): void;
  /**
   * True when a completed flush() already leaves the decoder fresh (the FLAC and Vorbis wrappers re-instantiate their
   * wasm inside flush); pooling then skips a second reset, which would cost another ~2 ms instantiation.
   */
  readonly resetByFlush?: boolean;
}

/**
 * Idle decoders kept per codec: instantiating a wasm decoder costs ~2 ms, a real share of a one-shot's budget.
 * Only decoders that finished cleanly come back (after reset); a decoder that saw an error is freed.
 */
const POOL_SIZE = 2;
const pools = new Map<string, StreamDecoder[]>();

async function acquire(kind: string, create: () => Promise<StreamDecoder>): Promise<StreamDecoder> {
  return pools.get(kind)?.pop() ?? create();
}

async function giveBack(kind: string, d: StreamDecoder, flushed: boolean): Promise<void> {
  const pool = pools.get(kind) ?? [];
  pools.set(kind, pool);
  if (pool.length >= POOL_SIZE) { d.free(); return; }
  try {
    if (!(flushed && d.resetByFlush)) await d.reset();
    pool.push(d);
  } catch {
    d.free();
  }
}

export interface StreamPlan {
  /** Label for messages: 'FLAC', 'Ogg Vorbis', 'MP3'. */
  label: string;
  start: number;
  end: number;
  channels: number;
  sampleRate: number;
  /** Frames the container promises (FLAC STREAMINFO, last Ogg granule), to catch streams that silently stop. */
  expectedFrames: number | null;
  /** How far below expectedFrames still counts as complete (decoder trimming differences). */
  tolerance: number;
  /** Factor applied to every decoded sample, for decoders whose full scale is not the usual 2^(bits-1). */
  scale?: number;
}

function rescale(data: Float32Array[], frames: number, scale: number | undefined): void {
  if (scale === undefined || scale === 1) return;
  for (const channel of data) for (let i = 0; i < frames; i++) channel[i] *= scale;
}

function* reblock(data: Float32Array[], frames: number, channels: number): Generator<Float32Array[]> {
  for (let s = 0; s < frames; s += MAX_BLOCK_FRAMES) {
    const e = Math.min(frames, s + MAX_BLOCK_FRAMES);
    // Decoders may report fewer channel arrays for a damaged frame; keep the block shape stable.
    yield Array.from({ length: channels }, (_, c) => (data[c] ?? data[0]!).subarray(s, e));
  }
}

export async function* decodeStream(bytes: ByteSource, decoder: StreamDecoder, plan: StreamPlan): AsyncGenerator<Float32Array[]> {
  let frames = 0;
  const check = (out: DecodedChunk): void => {
    if (out.errors.length) {
      const e = out.errors[0]!;
      const at = e.outputSamples !== undefined ? frames + e.outputSamples : null;
      const where = at !== null && at > 0 ? ` about ${(at / plan.sampleRate).toFixed(2)} s in` : '';
      throw new AudioDecodeError('corrupt', `${plan.label} stream damaged${where}: decoder reported "${e.message.trim()}" (${out.errors.length} error${out.errors.length > 1 ? 's' : ''})`);
    }
  };
  for (let p = plan.start; p < plan.end; p += STREAM_READ_BYTES) {
    const chunk = await bytes.read(p, Math.min(STREAM_READ_BYTES, plan.end - p));
    if (!chunk.length) break;
    const out = await decoder.decode(chunk);
    check(out);
    if (out.samplesDecoded > 0) {
      frames += out.samplesDecoded;
      rescale(out.channelData, out.samplesDecoded, plan.scale);
      yield* reblock(out.channelData, out.samplesDecoded, plan.channels);
    }
  }
  if (decoder.flush) {
    const out = await decoder.flush();
    check(out);
    if (out.samplesDecoded > 0) {
      frames += out.samplesDecoded;
      rescale(out.channelData, out.samplesDecoded, plan.scale);
      yield* reblock(out.channelData, out.samplesDecoded, plan.channels);
    }
  }
  if (frames === 0) throw new AudioDecodeError('empty', `no audio frames: the ${plan.label} stream decoded to nothing (damaged or empty stream)`);
  if (plan.expectedFrames !== null && frames < plan.expectedFrames - plan.tolerance) {
    throw new AudioDecodeError('corrupt', `${plan.label} stream ended early: decoded ${frames} of the ${plan.expectedFrames} frames its header declares (damaged or truncated file)`);
  }
}

/** Wraps a pooled decoder into an AudioSource's blocks()/close() pair. */
export function wasmBlocks(bytes: ByteSource, create: () => Promise<StreamDecoder>, plan: StreamPlan): { blocks(): AsyncIterable<Float32Array[]>; close(): Promise<void> } {
  let decoder: StreamDecoder | null = null;
  let started = false;
  const drop = (): void => {
    if (decoder) { decoder.free(); decoder = null; }
  };
  return {
    async *blocks() {
      if (started) throw new Error('AudioSource.blocks() can be iterated only once');
      started = true;
      decoder = await acquire(plan.label, create);
      let clean = false;
      try {
        yield* decodeStream(bytes, decoder, plan);
        clean = true;
      } finally {
        // A clean end always ran flush() when the decoder has one.
        if (clean && decoder) { const d = decoder; decoder = null; await giveBack(plan.label, d, d.flush !== undefined); } else drop();
      }
    },
    async close() {
      drop(); // a consumer that stopped early leaves the decoder mid-stream: free it rather than pool it
      await bytes.close();
    },
  };
}
