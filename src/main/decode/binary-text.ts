// Small readers for fixed-width text and numbers inside binary headers, shared by every container parser.

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

export function fourCC(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at] ?? 0, b[at + 1] ?? 0, b[at + 2] ?? 0, b[at + 3] ?? 0);
}

/** A NUL-padded text field; tries UTF-8 first (modern tools), falls back to Latin-1 (old ones). */
export function fixedText(b: Uint8Array, start: number, length: number): string {
  let end = Math.min(b.length, start + length);
  const nul = b.subarray(start, end).indexOf(0);
  if (nul >= 0) end = start + nul;
  return decodeText(b.subarray(start, end)).trim();
}

export function decodeText(bytes: Uint8Array): string {
  const s = utf8.decode(bytes);
  return s.includes('\uFFFD') ? latin1.decode(bytes) : s;
}

export function u16le(b: Uint8Array, at: number): number { return b[at]! | (b[at + 1]! << 8); }
export function u32le(b: Uint8Array, at: number): number { return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000; }
export function u16be(b: Uint8Array, at: number): number { return (b[at]! << 8) | b[at + 1]!; }
export function u32be(b: Uint8Array, at: number): number { return b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!); }
export function u64le(b: Uint8Array, at: number): number { return u32le(b, at) + u32le(b, at + 4) * 0x100000000; }

/** Hex dump of the first bytes, for "not an audio file: starts with bytes 48 65 6c 6c ('Hell')". */
export function describeStart(b: Uint8Array, n = 4): string {
  const head = b.subarray(0, n);
  const hex = Array.from(head, (x) => x.toString(16).padStart(2, '0')).join(' ');
  const ascii = Array.from(head, (x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('');
  return `${hex} ('${ascii}')`;
}

/** IEEE 754 80-bit extended (AIFF sample rate) to a JS number. */
export function readExtended80(b: Uint8Array, at: number): number {
  const sign = b[at]! & 0x80 ? -1 : 1;
  const exp = ((b[at]! & 0x7f) << 8) | b[at + 1]!;
  const hi = u32be(b, at + 2);
  const lo = u32be(b, at + 6);
  if (exp === 0 && hi === 0 && lo === 0) return 0;
  if (exp === 0x7fff) return NaN;
  return sign * (hi * 2 ** (exp - 16383 - 31) + lo * 2 ** (exp - 16383 - 63));
}
