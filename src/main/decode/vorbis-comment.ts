// Vorbis comments (FLAC VORBIS_COMMENT block, Ogg Vorbis comment header): little-endian length-prefixed KEY=value.
import type { EmbeddedMetadata } from '../../shared/model/audio.js';
import { u32le } from './binary-text.js';
import { applyNamedTag, setRaw } from './metadata-fields.js';

const utf8 = new TextDecoder('utf-8');

/** Parses the comment list starting at the vendor-length field; stops quietly at the first inconsistent length. */
export function parseVorbisComments(b: Uint8Array, meta: EmbeddedMetadata): void {
  if (b.length < 8) return;
  const vendorLen = u32le(b, 0);
  let p = 4 + vendorLen;
  if (p + 4 > b.length) return;
  const vendor = utf8.decode(b.subarray(4, p)).trim();
  if (vendor) setRaw(meta, 'VORBIS.vendor', vendor);
  const count = u32le(b, p);
  p += 4;
  for (let i = 0; i < count && p + 4 <= b.length; i++) {
    const len = u32le(b, p);
    p += 4;
    if (p + len > b.length) return;
    const entry = utf8.decode(b.subarray(p, p + len));
    p += len;
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const key = entry.slice(0, eq).toUpperCase();
    const value = entry.slice(eq + 1).trim();
    setRaw(meta, `VORBIS.${key}`, value);
    applyNamedTag(meta, key, value);
  }
}
