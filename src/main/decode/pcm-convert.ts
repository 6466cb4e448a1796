// Interleaved integer/float PCM bytes to planar Float32 in tight typed-array loops: this runs for every sample of
// every file, so the common little-endian cases use aligned typed views instead of per-sample DataView calls.

export type SampleKind = 'uint8' | 'int8' | 'int16' | 'int24' | 'int32' | 'float32' | 'float64' | 'alaw' | 'ulaw';

export interface PcmLayout {
  kind: SampleKind;
  bigEndian: boolean;
  channels: number;
}

const BYTES: Record<SampleKind, number> = { uint8: 1, int8: 1, int16: 2, int24: 3, int32: 4, float32: 4, float64: 8, alaw: 1, ulaw: 1 };

export function bytesPerSample(kind: SampleKind): number { return BYTES[kind]; }

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A typed view needs its byteOffset to be a multiple of the element size; copy when it isn't. */
function aligned(bytes: Uint8Array, size: number): Uint8Array {
  if (bytes.byteOffset % size === 0) return bytes;
  const copy = new Uint8Array(bytes.length); // not bytes.slice(): on a Buffer that is a view, still misaligned
  copy.set(bytes);
  return copy;
}

function swapped(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size) for (let k = 0; k < size; k++) out[i + k] = bytes[i + size - 1 - k]!;
  return out;
}

/** Spreads an interleaved numeric array into planar outputs, scaled. Specialised for mono and stereo. */
function deinterleave(src: ArrayLike<number>, out: Float32Array[], at: number, frames: number, scale: number): void {
  const ch = out.length;
  if (ch === 1) {
    const o = out[0]!;
    for (let i = 0; i < frames; i++) o[at + i] = src[i]! * scale;
  } else if (ch === 2) {
    const l = out[0]!, r = out[1]!;
    for (let i = 0, j = 0; i < frames; i++, j += 2) { l[at + i] = src[j]! * scale; r[at + i] = src[j + 1]! * scale; }
  } else {
    for (let c = 0; c < ch; c++) {
      const o = out[c]!;
      for (let i = 0, j = c; i < frames; i++, j += ch) o[at + i] = src[j]! * scale;
    }
  }
}

let alawTable: Float32Array | null = null;
let ulawTable: Float32Array | null = null;

function companderTable(law: 'alaw' | 'ulaw'): Float32Array {
  const t = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    let v: number;
    if (law === 'ulaw') {
      const u = ~i & 0xff;
      const exp = (u >> 4) & 7;
      const mag = (((u & 0x0f) << 3) + 0x84) << exp;
      v = (u & 0x80 ? 0x84 - mag : mag - 0x84) / 32768;
    } else {
      const a = i ^ 0x55;
      const exp = (a >> 4) & 7;
      let mag = (a & 0x0f) << 4;
      mag = exp === 0 ? mag + 8 : (mag + 0x108) << (exp - 1);
      v = (a & 0x80 ? mag : -mag) / 32768;
    }
    t[i] = v;
  }
  return t;
}

/**
 * Converts `frames` interleaved frames from `bytes` into `out[c][at..at+frames)`.
 * Integers scale by 1/2^(bits-1) so a writer's round(x·2^(bits-1)) round-trips exactly.
 */
export function convertPcm(bytes: Uint8Array, layout: PcmLayout, out: Float32Array[], at: number, frames: number): void {
  const ch = layout.channels;
  const n = frames * ch;
  const size = BYTES[layout.kind];
  const src = bytes.subarray(0, n * size);
  const native = layout.bigEndian !== HOST_LITTLE_ENDIAN; // true when the file's byte order matches the host's
  switch (layout.kind) {
    case 'uint8': {
      const o = out;
      for (let c = 0; c < ch; c++) {
        const dst = o[c]!;
        for (let i = 0, j = c; i < frames; i++, j += ch) dst[at + i] = (src[j]! - 128) / 128;
      }
      return;
    }
    case 'int8':
      deinterleave(new Int8Array(src.buffer, src.byteOffset, n), out, at, frames, 1 / 128);
      return;
    case 'alaw':
    case 'ulaw': {
      const t = layout.kind === 'alaw' ? (alawTable ??= companderTable('alaw')) : (ulawTable ??= companderTable('ulaw'));
      for (let c = 0; c < ch; c++) {
        const dst = out[c]!;
        for (let i = 0, j = c; i < frames; i++, j += ch) dst[at + i] = t[src[j]!]!;
      }
      return;
    }
    case 'int16': {
      let v: Int16Array;
      if (native) {
        const b = aligned(src, 2);
        v = new Int16Array(b.buffer, b.byteOffset, n);
      } else {
        v = new Int16Array(n);
        for (let i = 0, j = 0; i < n; i++, j += 2) v[i] = (src[j]! << 8) | src[j + 1]!; // BE bytes; Int16Array wraps sign
      }
      // The most common layout gets its own monomorphic loops (the shared deinterleave sees many array types).
      const k = 1 / 32768;
      if (ch === 1) { const o = out[0]!; for (let i = 0; i < frames; i++) o[at + i] = v[i]! * k; }
      else if (ch === 2) { const l = out[0]!, r = out[1]!; for (let i = 0, j = 0; i < frames; i++, j += 2) { l[at + i] = v[j]! * k; r[at + i] = v[j + 1]! * k; } }
      else deinterleave(v, out, at, frames, k);
      return;
    }
    case 'int24': {
      const k = 1 / 8388608;
      const [b0, b1, b2] = layout.bigEndian ? [2, 1, 0] : [0, 1, 2];
      for (let c = 0; c < ch; c++) {
        const o = out[c]!;
        for (let i = 0, j = c * 3; i < frames; i++, j += ch * 3) o[at + i] = (((src[j + b2]! << 24) | (src[j + b1]! << 16) | (src[j + b0]! << 8)) >> 8) * k;
      }
      return;
    }
    case 'int32': {
      const b = native ? aligned(src, 4) : swapped(src, 4);
      deinterleave(new Int32Array(b.buffer, b.byteOffset, n), out, at, frames, 1 / 2147483648);
      return;
    }
    case 'float32': {
      const b = native ? aligned(src, 4) : swapped(src, 4);
      deinterleave(new Float32Array(b.buffer, b.byteOffset, n), out, at, frames, 1);
      return;
    }
    case 'float64': {
      const b = native ? aligned(src, 8) : swapped(src, 8);
      deinterleave(new Float64Array(b.buffer, b.byteOffset, n), out, at, frames, 1);
      return;
    }
  }
}
