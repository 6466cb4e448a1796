// Picks the embedded text fields that can say what a sound is (title, vendor category, keywords, comment…) out of
// EmbeddedMetadata, whatever format they came from, so the metadata labeller reads WAV, AIFF, ID3 and Vorbis alike.
import type { EmbeddedMetadata } from '../model/audio.js';

export type MetadataField =
  | 'category' | 'instrument' | 'title' | 'keywords' | 'subject' | 'subtitle' | 'grouping' | 'comment' | 'description' | 'album' | 'genre';

export interface MetadataText {
  field: MetadataField;
  text: string;
}

/**
 * Raw tag names (after the format prefix: 'VORBIS.CATEGORY', 'ID3.TXXX:INSTRUMENT', 'INFO.IKEY') that carry a field
 * the typed metadata has no slot for. Sample vendors and sound-effects tools (UCS, Soundminer) use these.
 */
const RAW_FIELDS: Record<string, MetadataField> = {
  CATEGORY: 'category', CATEGORIES: 'category', SUBCATEGORY: 'category', CATEGORYFULL: 'category', CATID: 'category',
  SAMPLE_CATEGORY: 'category', SAMPLECATEGORY: 'category', SAMPLE_TYPE: 'category', SAMPLETYPE: 'category',
  SOUND_TYPE: 'category', SOUNDTYPE: 'category', CLASS: 'category', VENDORCATEGORY: 'category', USERCATEGORY: 'category',
  INSTRUMENT: 'instrument', INSTRUMENTS: 'instrument', INSTRUMENT_TYPE: 'instrument', INSTRUMENTTYPE: 'instrument',
  KEYWORDS: 'keywords', KEYWORD: 'keywords', TAGS: 'keywords', IKEY: 'keywords',
  SUBJECT: 'subject', ISBJ: 'subject',
  SUBTITLE: 'subtitle', TIT3: 'subtitle',
  GROUPING: 'grouping', CONTENTGROUP: 'grouping', TIT1: 'grouping', GRP1: 'grouping',
};

/** Formats whose raw keys hold binary-chunk numbers or duplicate a typed field, never free text worth reading. */
const SKIP_PREFIXES = new Set(['ACID', 'SMPL', 'INST', 'ID3v1', 'BEXT']);

function rawField(key: string): MetadataField | undefined {
  const dot = key.indexOf('.');
  if (dot < 0 || SKIP_PREFIXES.has(key.slice(0, dot))) return undefined;
  let name = key.slice(dot + 1);
  // 'IXML.ASWG.instrument', 'IXML.USER.VENDORCATEGORY': the field is the last part of the path.
  if (key.startsWith('IXML.')) name = key.slice(key.lastIndexOf('.') + 1);
  // 'ID3.TXXX:CATEGORY' names its field after the colon; 'ID3.COMM:desc' is a comment the typed field already has.
  else if (name.startsWith('TXXX:')) name = name.slice(5);
  else if (name.includes(':')) return undefined;
  return RAW_FIELDS[name.toUpperCase().replace(/[\s-]+/g, '_')];
}

/** Every genre the file names: the full list when there are several, else the one genre. */
export function genreList(meta: EmbeddedMetadata): string[] {
  return meta.genres?.length ? meta.genres : meta.genre ? [meta.genre] : [];
}

/** Every non-empty text field worth reading, typed fields first, each distinct (field, text) pair once. */
export function metadataTexts(meta: EmbeddedMetadata): MetadataText[] {
  const out: MetadataText[] = [];
  const seen = new Set<string>();
  const add = (field: MetadataField, value: string | undefined) => {
    const text = value?.replace(/\0+/g, ' ').trim();
    if (!text || seen.has(`${field}\n${text}`)) return;
    seen.add(`${field}\n${text}`);
    out.push({ field, text });
  };
  add('title', meta.title);
  add('comment', meta.comment);
  add('description', meta.description);
  add('album', meta.album);
  add('category', meta.category);
  add('category', meta.subCategory);
  add('category', meta.catId);
  add('keywords', meta.keywords);
  // A sound library's name is to an SFX file what an album is to a sample.
  add('album', meta.library);
  for (const g of genreList(meta)) add('genre', g);
  for (const [key, value] of Object.entries(meta.raw ?? {})) {
    const field = rawField(key);
    // Repeated tags were joined with '; ' when read; each value is its own text.
    if (field) for (const part of value.split('; ')) add(field, part);
  }
  return out;
}
