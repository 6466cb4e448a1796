// AIFF / AIFF-C encoder (big-endian PCM, sowt little-endian, fl32 float) with NAME/AUTH/ANNO text and MARK/INST for
// root note and loops; used by fixtures and by export to AIFF-minded DAWs.
import type { EmbeddedMetadata } from '../../shared/model/audio.js';
import { bytesPerFrame, quantiseInto } from './quantise.js';

export interface AiffEncodeOptions {
  bitDepth: 8 | 16 | 24 | 32;
  /** 'none' writes plain AIFF; 'sowt' and 'fl32' write AIFF-C. fl32 needs bitDepth 32. */
  compression?: 'none' | 'sowt' | 'fl32';
  metadata?: EmbeddedMetadata;
}

function chunk(id: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(8 + body.length + (body.length & 1));
  out.write(id, 0, 'latin1');
  out.writeUInt32BE(body.length, 4);
  out.set(body, 8);
  return out;
}

/** Sample rate as the 80-bit IEEE extended float AIFF requires. */
export function extended80(value: number): Buffer {
  const b = Buffer.alloc(10);
  if (value <= 0 || !Number.isFinite(value)) return b;
  let exp = Math.floor(Math.log2(value));
  let mant = value / 2 ** exp;
  if (mant >= 2) { mant /= 2; exp++; }
  b.writeUInt16BE(exp + 16383, 0);
  const hi = Math.floor(mant * 2 ** 31);
  const lo = Math.floor((mant * 2 ** 31 - hi) * 2 ** 32);
  b.writeUInt32BE(hi >>> 0, 2);
  b.writeUInt32BE(lo >>> 0, 6);
  return b;
}

function pstring(text: string): Buffer {
  const s = Buffer.from(text, 'latin1').subarray(0, 255);
  const b = Buffer.alloc(1 + s.length + ((s.length + 1) & 1));
  b[0] = s.length;
  s.copy(b, 1);
  return b;
}

function instrumentChunks(meta: EmbeddedMetadata): Buffer[] {
  if (meta.rootNote === undefined && !meta.loopPoints?.length) return [];
  const loop = meta.loopPoints?.[0];
  const out: Buffer[] = [];
  if (loop) {
    const m1 = Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(4), pstring('loop start')]);
    m1.writeUInt32BE(loop.start, 2);
    const m2 = Buffer.concat([Buffer.from([0, 2]), Buffer.alloc(4), pstring('loop end')]);
    m2.writeUInt32BE(loop.end + 1, 2); // markers are exclusive at the end
    out.push(chunk('MARK', Buffer.concat([Buffer.from([0, 2]), m1, m2])));
  }
  const inst = Buffer.alloc(20);
  inst[0] = meta.rootNote ?? 60;
  inst[2] = 0; inst[3] = 127; inst[4] = 1; inst[5] = 127;
  if (loop) { inst.writeUInt16BE(1, 8); inst.writeUInt16BE(1, 10); inst.writeUInt16BE(2, 12); }
  out.push(chunk('INST', inst));
  return out;
}

export function encodeAiff(channels: Float32Array[], sampleRate: number, opts: AiffEncodeOptions): Buffer {
  if (!channels.length) throw new RangeError('encodeAiff: at least one channel is required');
  const compression = opts.compression ?? 'none';
  if (compression === 'fl32' && opts.bitDepth !== 32) throw new RangeError('encodeAiff: fl32 needs bitDepth 32');
  const aifc = compression !== 'none';
  const frames = channels[0]!.length;
  const enc = { bitDepth: opts.bitDepth, float: compression === 'fl32', bigEndian: compression !== 'sowt' };
  const comm = Buffer.alloc(aifc ? 18 + 4 + 2 * 0 : 18);
  comm.writeUInt16BE(channels.length, 0);
  comm.writeUInt32BE(frames, 2);
  comm.writeUInt16BE(opts.bitDepth, 6);
  extended80(sampleRate).copy(comm, 8);
  const commBody = aifc ? Buffer.concat([comm.subarray(0, 18), Buffer.from(compression, 'latin1'), pstring(compression === 'sowt' ? 'little endian' : 'IEEE 32-bit float')]) : comm;
  const dataBytes = frames * bytesPerFrame(enc, channels.length);
  const ssnd = Buffer.alloc(8 + dataBytes);
  quantiseInto(channels, 0, frames, enc, ssnd, 8);
  const meta = opts.metadata ?? {};
  const text: Buffer[] = [];
  if (meta.title) text.push(chunk('NAME', Buffer.from(meta.title, 'utf8')));
  if (meta.artist) text.push(chunk('AUTH', Buffer.from(meta.artist, 'utf8')));
  if (meta.comment) text.push(chunk('ANNO', Buffer.from(meta.comment, 'utf8')));
  const parts = [
    ...(aifc ? [chunk('FVER', Buffer.from([0xa2, 0x80, 0x51, 0x40]))] : []),
    chunk('COMM', commBody), ...text, ...instrumentChunks(meta), chunk('SSND', ssnd),
  ];
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(12);
  head.write('FORM', 0, 'latin1');
  head.writeUInt32BE(body.length + 4, 4);
  head.write(aifc ? 'AIFC' : 'AIFF', 8, 'latin1');
  return Buffer.concat([head, body]);
}
