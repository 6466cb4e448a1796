// The AudioSource for uncompressed containers (WAV, AIFF): streams the data region in ~1 MiB reads and converts
// each read straight into one planar block, so memory stays bounded whatever the file length.
import type { AudioInfo, EmbeddedMetadata } from '../../shared/model/audio.js';
import { MAX_BLOCK_FRAMES } from './audio-source.js';
import type { AudioSource } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import { STREAM_READ_BYTES } from './byte-source.js';
import { AudioDecodeError } from './decode-error.js';
import { bytesPerSample, convertPcm } from './pcm-convert.js';
import type { PcmLayout } from './pcm-convert.js';

export interface PcmRegion {
  /** Byte offset of the first frame. */
  offset: number;
  frames: number;
  layout: PcmLayout;
}

/** Float files can carry NaN/Inf from broken plug-ins; one bad sample must not poison every analyser downstream. */
function scrubNonFinite(block: Float32Array[]): void {
  for (const c of block) for (let i = 0; i < c.length; i++) if (!Number.isFinite(c[i]!)) c[i] = 0;
}

export function pcmSource(path: string, bytes: ByteSource, info: AudioInfo, metadata: EmbeddedMetadata, region: PcmRegion): AudioSource {
  const frameBytes = bytesPerSample(region.layout.kind) * region.layout.channels;
  const framesPerRead = Math.max(1, Math.min(MAX_BLOCK_FRAMES, Math.floor(STREAM_READ_BYTES / frameBytes)));
  const isFloat = region.layout.kind === 'float32' || region.layout.kind === 'float64';
  let started = false;
  return {
    path,
    info,
    metadata,
    async *blocks() {
      if (started) throw new Error('AudioSource.blocks() can be iterated only once');
      started = true;
      for (let done = 0; done < region.frames;) {
        const frames = Math.min(framesPerRead, region.frames - done);
        const want = frames * frameBytes;
        const chunk = await bytes.read(region.offset + done * frameBytes, want);
        if (chunk.length < want) {
          throw new AudioDecodeError('truncated', `file shrank while decoding: expected ${want} bytes at byte ${region.offset + done * frameBytes} but got ${chunk.length}`);
        }
        const block = Array.from({ length: region.layout.channels }, () => new Float32Array(frames));
        convertPcm(chunk, region.layout, block, 0, frames);
        if (isFloat) scrubNonFinite(block);
        done += frames;
        yield block;
      }
    },
    close: () => bytes.close(),
  };
}
