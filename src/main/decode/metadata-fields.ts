// Turns loosely-typed tag values (text BPMs, key spellings) into EmbeddedMetadata fields, one rule set for all formats.
import type { EmbeddedMetadata } from '../../shared/model/audio.js';
import { normaliseKey } from '../../shared/music/keys.js';

export type TextField = 'title' | 'artist' | 'album' | 'genre' | 'comment' | 'description' | 'originator' | 'software';

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

/** Maps a free-form tag name (Vorbis comment, ID3 TXXX description) onto the field it means. */
export function applyNamedTag(meta: EmbeddedMetadata, name: string, value: string): void {
  switch (name.toUpperCase()) {
    case 'BPM': case 'TEMPO': case 'TBPM': setBpm(meta, value); break;
    case 'KEY': case 'INITIALKEY': case 'INITIAL KEY': case 'TKEY': setKey(meta, value); break;
    case 'TITLE': setText(meta, 'title', value); break;
    case 'ARTIST': case 'PERFORMER': case 'ALBUMARTIST': setText(meta, 'artist', value); break;
    case 'ALBUM': setText(meta, 'album', value); break;
    case 'GENRE': case 'STYLE': setText(meta, 'genre', value); break;
    case 'COMMENT': case 'COMMENTS': setText(meta, 'comment', value); break;
    case 'DESCRIPTION': setText(meta, 'description', value); break;
    case 'ENCODER': case 'ENCODED_BY': case 'ENCODEDBY': case 'SOFTWARE': setText(meta, 'software', value); break;
    case 'ROOTNOTE': case 'ROOT_NOTE': case 'MIDI_ROOT_NOTE': setRootNote(meta, Number.parseInt(value, 10)); break;
    default: break;
  }
}
