// Streaming WAV writer: appends blocks to a new file (never overwrites: opened with 'wx') and patches the RIFF and
// data sizes on close, switching the header to RF64 when the data outgrows 4 GiB.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { bytesPerFrame, quantiseInto } from './quantise.js';
import { fmtChunk } from './wav-writer.js';

export interface WavStreamFormat {
  sampleRate: number;
  channels: number;
  bitDepth: 16 | 24 | 32;
  float?: boolean;
  dither?: boolean;
}

/** A JUNK chunk reserving room for a ds64 chunk, so a >4 GiB file can become RF64 in place. */
const JUNK_BYTES = 8 + 28;

export class WavFileWriter {
  private frames = 0;
  private closed = false;
  private seed = 1;
  private constructor(readonly path: string, private readonly fh: FileHandle, private readonly format: WavStreamFormat, private readonly dataStart: number) {}

  static async open(path: string, format: WavStreamFormat): Promise<WavFileWriter> {
    if (format.float && format.bitDepth !== 32) throw new RangeError('WavFileWriter: float output must be 32-bit');
    if (!(format.channels > 0) || !(format.sampleRate > 0)) throw new RangeError('WavFileWriter: channels and sample rate must be positive');
    const fh = await open(path, 'wx');
    const fmt = fmtChunk(format.channels, format.sampleRate, format.bitDepth, !!format.float);
    const head = Buffer.alloc(12 + JUNK_BYTES + fmt.length + 8);
    head.write('RIFF', 0, 'latin1');
    head.write('WAVE', 8, 'latin1');
    head.write('JUNK', 12, 'latin1');
    head.writeUInt32LE(28, 16);
    fmt.copy(head, 12 + JUNK_BYTES);
    head.write('data', head.length - 8, 'latin1');
    await fh.write(head, 0, head.length, 0);
    return new WavFileWriter(path, fh, format, head.length);
  }

  get framesWritten(): number { return this.frames; }

  /** Appends one planar block (one Float32Array per channel, equal lengths). */
  async write(block: Float32Array[]): Promise<void> {
    if (this.closed) throw new Error(`WavFileWriter: ${this.path} is already closed`);
    if (block.length !== this.format.channels) throw new RangeError(`WavFileWriter: block has ${block.length} channels, file has ${this.format.channels}`);
    const n = block[0]!.length;
    const fb = bytesPerFrame(this.format, this.format.channels);
    const buf = Buffer.allocUnsafe(n * fb);
    quantiseInto(block, 0, n, this.format, buf, 0, this.seed++);
    await this.fh.write(buf, 0, buf.length, this.dataStart + this.frames * fb);
    this.frames += n;
  }

  /** Pads, patches the header sizes, and closes. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      const dataBytes = this.frames * bytesPerFrame(this.format, this.format.channels);
      const end = this.dataStart + dataBytes;
      if (dataBytes & 1) await this.fh.write(Buffer.alloc(1), 0, 1, end);
      const riffSize = end + (dataBytes & 1) - 8;
      const size = Buffer.alloc(4);
      if (riffSize <= 0xffffffff) {
        size.writeUInt32LE(riffSize);
        await this.fh.write(size, 0, 4, 4);
        size.writeUInt32LE(dataBytes);
        await this.fh.write(size, 0, 4, this.dataStart - 4);
      } else {
        const ds64 = Buffer.alloc(JUNK_BYTES);
        ds64.write('ds64', 0, 'latin1');
        ds64.writeUInt32LE(28, 4);
        ds64.writeBigUInt64LE(BigInt(riffSize), 8);
        ds64.writeBigUInt64LE(BigInt(dataBytes), 16);
        ds64.writeBigUInt64LE(BigInt(this.frames), 24);
        await this.fh.write(ds64, 0, ds64.length, 12);
        await this.fh.write(Buffer.from('RF64\xff\xff\xff\xff', 'latin1'), 0, 8, 0);
        size.writeUInt32LE(0xffffffff);
        await this.fh.write(size, 0, 4, this.dataStart - 4);
      }
    } finally {
      await this.fh.close();
    }
  }
}
