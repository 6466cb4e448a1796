// Turns loosely-typed tag values (text BPMs, key spellings, genre lists, loop flags) into EmbeddedMetadata fields,
// one rule set for all formats.
import type { EmbeddedMetadata } from '../../shared/model/audio.js';
import { normaliseKey } from '../../shared/music/keys.js';
import { ID3V1_GENRES } from './id3-genres.js';

export type TextField =
  | 'title' | 'artist' | 'album' | 'genre' | 'comment' | 'description' | 'originator' | 'software'
  | 'category' | 'subCategory' | 'catId' | 'keywords' | 'library';

export function setRaw(meta: EmbeddedMetadata, key: string, value: string): void {
  const raw = (meta.raw ??= {});
  raw[key] = raw[key] !== undefined && raw[key] !== value ? `${raw[key]}; ${value}` : value;
}

export function setText(meta: EmbeddedMetadata, field: TextField, value: string): void {
  const v = value.replace(/\0+$/, '').trim();
  if (v && meta[field] === undefined) meta[field] = v;
}

/** Plausible tempos only: a '0' or '1200' from a broken tagger is worse than nothing. */
export function setBpm(meta: EmbeddedMetadata, value: string | number): void {
  const n = typeof value === 'number' ? value : Number.parseFloat(value.replace(',', '.'));
  if (Number.isFinite(n) && n >= 20 && n <= 999 && meta.bpm === undefined) meta.bpm = Math.round(n * 1000) / 1000;
}

export function setKey(meta: EmbeddedMetadata, value: string): void {
  const v = value.trim();
  if (!v || meta.key !== undefined) return;
  meta.key = normaliseKey(v) ?? v;
}

export function setRootNote(meta: EmbeddedMetadata, note: number): void {
  if (Number.isInteger(note) && note >= 0 && note <= 127 && meta.rootNote === undefined) meta.rootNote = note;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 'loop', 'looped', 'looping']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'oneshot', 'one-shot', 'one shot']);

/** A loop flag written as text ('true', '1', 'yes', 'one-shot'…); anything else says nothing. */
export function setLoop(meta: EmbeddedMetadata, value: string | boolean): void {
  if (meta.loop !== undefined) return;
  if (typeof value === 'boolean') { meta.loop = value; return; }
  const v = value.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) meta.loop = true;
  else if (FALSE_WORDS.has(v)) meta.loop = false;
}

/** ID3v1 names that contain a '/' themselves ('Pop/Funk'): a slash there is no list separator. */
const SLASHED_GENRES = new Set(ID3V1_GENRES.filter((g) => g.includes('/')).map((g) => g.toLowerCase()));

/**
 * The genres in one tag value. Taggers separate several with NUL (ID3v2.4), ';', '\\' (Mp3tag's v2.3 habit) or '/'
 * ('Hip-Hop/Rap'); a name that is itself slashed ('Pop/Funk') stays whole.
 */
export function splitGenres(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/\0|;|\\\\/)) {
    const p = part.trim();
    if (!p) continue;
    if (p.includes('/') && !SLASHED_GENRES.has(p.toLowerCase())) out.push(...p.split('/').map((g) => g.trim()).filter(Boolean));
    else out.push(p);
  }
  return out;
}

/**
 * Adds genres in order after those already read. `genre` stays the first one (for everything that reads one genre);
 * `genres` holds the full list once there is more than one. Case-insensitive duplicates are dropped.
 */
export function addGenres(meta: EmbeddedMetadata, values: readonly string[]): void {
  const all = meta.genres ? [...meta.genres] : meta.genre ? [meta.genre] : [];
  const seen = new Set(all.map((g) => g.toLowerCase()));
  for (const raw of values) {
    const g = raw.replace(/\0/g, '').replace(/\s+/g, ' ').trim();
    if (!g || seen.has(g.toLowerCase())) continue;
    seen.add(g.toLowerCase());
    all.push(g);
  }
  if (!all.length) return;
  meta.genre ??= all[0];
  if (all.length > 1) meta.genres = all;
}

/** Maps a free-form tag name (Vorbis comment, ID3 TXXX description) onto the field it means. */
export function applyNamedTag(meta: EmbeddedMetadata, name: string, value: string): void {
  switch (name.toUpperCase().replace(/[\s-]+/g, '_')) {
    case 'BPM': case 'TEMPO': case 'TBPM': setBpm(meta, value); break;
    case 'KEY': case 'INITIALKEY': case 'INITIAL_KEY': case 'TKEY': setKey(meta, value); break;
    case 'TITLE': case 'FXNAME': case 'FX_NAME': setText(meta, 'title', value); break;
    case 'ARTIST': case 'PERFORMER': case 'ALBUMARTIST': setText(meta, 'artist', value); break;
    case 'ALBUM': setText(meta, 'album', value); break;
    case 'GENRE': case 'STYLE': addGenres(meta, splitGenres(value)); break;
    case 'COMMENT': case 'COMMENTS': setText(meta, 'comment', value); break;
    case 'DESCRIPTION': setText(meta, 'description', value); break;
    case 'ENCODER': case 'ENCODED_BY': case 'ENCODEDBY': case 'SOFTWARE': setText(meta, 'software', value); break;
    case 'ROOTNOTE': case 'ROOT_NOTE': case 'MIDI_ROOT_NOTE': setRootNote(meta, Number.parseInt(value, 10)); break;
    // UCS and sound-library fields as Soundly, Soundminer and BaseHead write them into Vorbis comments and TXXX.
    case 'CATEGORY': case 'UCS_CATEGORY': case 'UCSCATEGORY': setText(meta, 'category', value); break;
    case 'SUBCATEGORY': case 'SUB_CATEGORY': case 'UCS_SUBCATEGORY': case 'UCSSUBCATEGORY': setText(meta, 'subCategory', value); break;
    case 'CATID': case 'CAT_ID': case 'UCS_CATID': case 'UCSCATID': setText(meta, 'catId', value); break;
    case 'KEYWORDS': case 'KEYWORD': setText(meta, 'keywords', value); break;
    case 'LIBRARY': setText(meta, 'library', value); break;
    case 'LOOP': case 'ISLOOP': case 'IS_LOOP': setLoop(meta, value); break;
    default: break;
  }
}
