// ID3v2 (2.2/2.3/2.4) and ID3v1 tags: found at the start of MP3s, in WAV/AIFF 'id3 ' chunks and at MP3 ends.
import type { EmbeddedMetadata } from '../../shared/model/audio.js';
import { fixedText, u32be } from './binary-text.js';
import { addGenres, applyNamedTag, setBpm, setKey, setRaw, setText, splitGenres } from './metadata-fields.js';
import { ID3V1_GENRES } from './id3-genres.js';

function syncsafe(b: Uint8Array, at: number): number {
  return ((b[at]! & 0x7f) << 21) | ((b[at + 1]! & 0x7f) << 14) | ((b[at + 2]! & 0x7f) << 7) | (b[at + 3]! & 0x7f);
}

/** Total bytes of an ID3v2 tag starting at `at` (header + body + footer), or 0 if there is none. */
export function id3v2Length(b: Uint8Array, at = 0): number {
  if (b.length < at + 10 || b[at] !== 0x49 || b[at + 1] !== 0x44 || b[at + 2] !== 0x33) return 0;
  if (b[at + 3]! > 4 || (b[at + 6]! | b[at + 7]! | b[at + 8]! | b[at + 9]!) & 0x80) return 0;
  return 10 + syncsafe(b, at + 6) + (b[at + 5]! & 0x10 ? 10 : 0);
}

const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function decodeWithEncoding(enc: number, b: Uint8Array): string {
  if (enc === 0) return latin1.decode(b);
  if (enc === 3) return utf8.decode(b);
  if (enc === 2) return utf16be.decode(b);
  if (b[0] === 0xfe && b[1] === 0xff) return utf16be.decode(b.subarray(2));
  if (b[0] === 0xff && b[1] === 0xfe) return utf16le.decode(b.subarray(2));
  return utf16le.decode(b);
}

/** Splits at the first terminator for the encoding (1 NUL byte, or an aligned 2-byte NUL for UTF-16). */
function splitTerminated(enc: number, b: Uint8Array): [Uint8Array, Uint8Array] {
  if (enc === 1 || enc === 2) {
    for (let i = 0; i + 1 < b.length; i += 2) if (b[i] === 0 && b[i + 1] === 0) return [b.subarray(0, i), b.subarray(i + 2)];
    return [b, b.subarray(b.length)];
  }
  const i = b.indexOf(0);
  return i < 0 ? [b, b.subarray(b.length)] : [b.subarray(0, i), b.subarray(i + 1)];
}

function cleanText(s: string): string {
  return s.replace(/\0+$/, '').replace(/\0/g, '; ').trim();
}

/** ID3v2.3 also allows these two keywords as references: '(RX)' remix, '(CR)' cover. */
const GENRE_KEYWORDS: Record<string, string> = { RX: 'Remix', CR: 'Cover' };

function genreRef(ref: string): string | undefined {
  return GENRE_KEYWORDS[ref.toUpperCase()] ?? (/^\d+$/.test(ref) ? ID3V1_GENRES[Number(ref)] : undefined);
}

/**
 * Every genre in one TCON value, in order. v2.4 separates values with NUL and may write bare numbers ('17'); v2.3
 * writes references before text: '(17)(31)Custom' is Rock, Trance, Custom, and '(17)Rock' is one genre, the text
 * refining the reference. '((' starts literal text. Taggers also separate with ';', '\\' or '/'.
 */
export function parseGenreList(tcon: string): string[] {
  const out: string[] = [];
  // A UTF-16 list may repeat the byte-order mark before every value.
  for (const value of tcon.replace(/\uFEFF/g, '').split('\0')) {
    let v = value.trim();
    const refs: string[] = [];
    let m: RegExpExecArray | null;
    while (!v.startsWith('((') && (m = /^\((\d{1,3}|RX|CR)\)/i.exec(v))) {
      const name = genreRef(m[1]!);
      if (name) refs.push(name);
      v = v.slice(m[0].length).trimStart();
    }
    if (v.startsWith('((')) v = v.slice(1);
    const text = /^\d{1,3}$/.test(v) ? genreRef(v) ?? v : v;
    // One reference plus text: the text is the reference's own, more specific name.
    if (refs.length === 1 && text) refs.pop();
    out.push(...refs);
    if (text) out.push(...splitGenres(text));
  }
  return out;
}

function removeUnsync(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    out[n++] = b[i]!;
    if (b[i] === 0xff && b[i + 1] === 0x00) i++;
  }
  return out.subarray(0, n);
}

const V22_TO_V23: Record<string, string> = { TT2: 'TIT2', TP1: 'TPE1', TAL: 'TALB', TCO: 'TCON', TBP: 'TBPM', TKE: 'TKEY', COM: 'COMM', TXX: 'TXXX', TSS: 'TSSE', TEN: 'TENC' };

/** Parses an ID3v2 tag at the start of `b` into `meta`; ignores what it cannot read rather than failing the file. */
export function parseId3v2(b: Uint8Array, meta: EmbeddedMetadata): void {
  const total = id3v2Length(b);
  if (!total) return;
  const ver = b[3]!;
  const flags = b[5]!;
  let body = b.subarray(10, Math.min(b.length, 10 + syncsafe(b, 6)));
  if (flags & 0x80 && ver < 4) body = removeUnsync(body);
  let p = 0;
  if (flags & 0x40) p = ver === 4 ? syncsafe(body, 0) : 4 + u32be(body, 0); // skip extended header
  const headerLen = ver === 2 ? 6 : 10;
  while (p + headerLen <= body.length) {
    if (body[p] === 0) break; // padding
    let id: string, size: number, frameFlags = 0;
    if (ver === 2) {
      id = latin1.decode(body.subarray(p, p + 3));
      size = (body[p + 3]! << 16) | (body[p + 4]! << 8) | body[p + 5]!;
      id = V22_TO_V23[id] ?? id;
    } else {
      id = latin1.decode(body.subarray(p, p + 4));
      size = ver === 4 ? syncsafe(body, p + 4) : u32be(body, p + 4);
      frameFlags = (body[p + 8]! << 8) | body[p + 9]!;
    }
    if (!/^[A-Z0-9]{3,4}$/.test(id) || size <= 0 || p + headerLen + size > body.length) break;
    let data = body.subarray(p + headerLen, p + headerLen + size);
    p += headerLen + size;
    // Compressed or encrypted frames (v2.3 0x00c0, v2.4 0x000c) are rare in samples; skip rather than misread.
    if ((ver === 3 && frameFlags & 0x00c0) || (ver === 4 && frameFlags & 0x000c)) continue;
    if (ver === 4 && frameFlags & 0x0002) data = removeUnsync(data);
    if (ver === 4 && frameFlags & 0x0001) data = data.subarray(4);
    readFrame(id, data, meta);
  }
}

function readFrame(id: string, data: Uint8Array, meta: EmbeddedMetadata): void {
  if (data.length < 1) return;
  const enc = data[0]!;
  if (id === 'TXXX') {
    const [desc, value] = splitTerminated(enc, data.subarray(1));
    const name = cleanText(decodeWithEncoding(enc, desc));
    const text = cleanText(decodeWithEncoding(enc, value));
    setRaw(meta, `ID3.TXXX:${name}`, text);
    applyNamedTag(meta, name, text);
    return;
  }
  if (id === 'COMM') {
    if (data.length < 4) return;
    const [desc, value] = splitTerminated(enc, data.subarray(4));
    const name = cleanText(decodeWithEncoding(enc, desc));
    const text = cleanText(decodeWithEncoding(enc, value));
    setRaw(meta, name ? `ID3.COMM:${name}` : 'ID3.COMM', text);
    // iTunes stores its own bookkeeping in named comments; only the plain one is the user's comment.
    if (!name || !/^itun/i.test(name)) setText(meta, 'comment', text);
    return;
  }
  if (id[0] !== 'T') return;
  const rawText = decodeWithEncoding(enc, data.subarray(1));
  const text = cleanText(rawText);
  setRaw(meta, `ID3.${id}`, text);
  switch (id) {
    case 'TIT2': setText(meta, 'title', text); break;
    case 'TPE1': setText(meta, 'artist', text); break;
    case 'TALB': setText(meta, 'album', text); break;
    case 'TCON': addGenres(meta, parseGenreList(rawText)); break;
    case 'TBPM': setBpm(meta, text); break;
    case 'TKEY': setKey(meta, text); break;
    case 'TSSE': case 'TENC': setText(meta, 'software', text); break;
    default: break;
  }
}

/** ID3v1 lives in the last 128 bytes; `b` is that tail. Fills only fields v2 did not. */
export function parseId3v1(b: Uint8Array, meta: EmbeddedMetadata): boolean {
  if (b.length < 128) return false;
  const t = b.subarray(b.length - 128);
  if (t[0] !== 0x54 || t[1] !== 0x41 || t[2] !== 0x47) return false;
  const fields: [string, string][] = [['title', fixedText(t, 3, 30)], ['artist', fixedText(t, 33, 30)], ['album', fixedText(t, 63, 30)], ['year', fixedText(t, 93, 4)], ['comment', fixedText(t, 97, t[125] === 0 && t[126] !== 0 ? 28 : 30)]];
  for (const [k, v] of fields) {
    if (!v) continue;
    setRaw(meta, `ID3v1.${k}`, v);
    if (k !== 'year') setText(meta, k as 'title' | 'artist' | 'album' | 'comment', v);
  }
  const genre = ID3V1_GENRES[t[127]!];
  if (genre) { setRaw(meta, 'ID3v1.genre', genre); setText(meta, 'genre', genre); }
  return true;
}
