// Readers for the metadata chunks sample libraries actually ship in WAVs: acid (tempo/loop), smpl (root/loops),
// bext (broadcast description), LIST INFO (title/artist/genre…). Each ignores short or odd chunks rather than failing.
import type { EmbeddedMetadata, LoopPoint } from '../../shared/model/audio.js';
import { fixedText, fourCC, u16le, u32le } from './binary-text.js';
import { addGenres, setBpm, setRaw, setRootNote, setText, splitGenres } from './metadata-fields.js';

export function parseAcid(b: Uint8Array, meta: EmbeddedMetadata): void {
  if (b.length < 24) return;
  const view = new DataView(b.buffer, b.byteOffset, b.length);
  const flags = u32le(b, 0);
  const root = u16le(b, 4);
  const beats = u32le(b, 12);
  const tempo = view.getFloat32(20, true);
  setRaw(meta, 'ACID.flags', `0x${flags.toString(16)}`);
  setRaw(meta, 'ACID.rootNote', String(root));
  setRaw(meta, 'ACID.beats', String(beats));
  setRaw(meta, 'ACID.meter', `${u16le(b, 18)}/${u16le(b, 16)}`);
  setRaw(meta, 'ACID.tempo', String(Math.round(tempo * 1000) / 1000));
  meta.loop = (flags & 0x01) === 0;
  if (flags & 0x02) setRootNote(meta, root);
  if (beats > 0 && beats < 100000) meta.beats = beats;
  setBpm(meta, tempo);
}

export function parseSmpl(b: Uint8Array, meta: EmbeddedMetadata): void {
  if (b.length < 36) return;
  const unity = u32le(b, 12);
  const loops = u32le(b, 28);
  setRaw(meta, 'SMPL.unityNote', String(unity));
  setRaw(meta, 'SMPL.loops', String(loops));
  setRootNote(meta, unity);
  const points: LoopPoint[] = [];
  for (let i = 0, p = 36; i < loops && p + 24 <= b.length; i++, p += 24) {
    const start = u32le(b, p + 8), end = u32le(b, p + 12);
    if (end >= start) points.push({ start, end });
  }
  if (points.length && !meta.loopPoints) meta.loopPoints = points;
}

export function parseBext(b: Uint8Array, meta: EmbeddedMetadata): void {
  if (b.length < 256) return;
  const description = fixedText(b, 0, 256);
  const originator = fixedText(b, 256, 32);
  const ref = fixedText(b, 288, 32);
  const date = fixedText(b, 320, 10);
  if (description) { setRaw(meta, 'BEXT.description', description); setText(meta, 'description', description); }
  if (originator) { setRaw(meta, 'BEXT.originator', originator); setText(meta, 'originator', originator); }
  if (ref) setRaw(meta, 'BEXT.originatorReference', ref);
  if (date) setRaw(meta, 'BEXT.originationDate', date);
  if (b.length > 602) {
    const history = fixedText(b, 602, b.length - 602);
    if (history) setRaw(meta, 'BEXT.codingHistory', history);
  }
}

const INFO_FIELDS: Record<string, 'title' | 'artist' | 'album' | 'genre' | 'comment' | 'software'> = {
  INAM: 'title', IART: 'artist', IPRD: 'album', IGNR: 'genre', ICMT: 'comment', ISFT: 'software',
};

/** Body of a LIST chunk (starting with its list type); only 'INFO' lists carry tags. */
export function parseList(b: Uint8Array, meta: EmbeddedMetadata): void {
  if (b.length < 4 || fourCC(b, 0) !== 'INFO') return;
  for (let p = 4; p + 8 <= b.length;) {
    const id = fourCC(b, p);
    const size = u32le(b, p + 4);
    const end = Math.min(b.length, p + 8 + size);
    const text = fixedText(b, p + 8, end - p - 8);
    if (text) {
      setRaw(meta, `INFO.${id}`, text);
      const field = INFO_FIELDS[id];
      if (field === 'genre') addGenres(meta, splitGenres(text));
      else if (field) setText(meta, field, text);
    }
    p = p + 8 + size + (size & 1);
  }
}
