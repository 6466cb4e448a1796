// Labels a sample from the text embedded in the file (title, vendor category, keywords, comment, genre…) with the
// file-name labeller's tokeniser and vocabulary, so "Kick 03" means the same in a tag as in a name. Each field counts
// as much as it usually deserves: a vendor's category field is decisive, a genre barely counts. A UCS CatID or
// Category/SubCategory pair (iXML/ASWG, Vorbis, TXXX) is read through the UCS table and other words only refine it.
import type { CategoryId } from '../taxonomy/categories.js';
import type { EmbeddedMetadata } from '../model/audio.js';
import { CLOSED_WORDS, OPEN_WORDS, hasAny, matchSegment } from './name-labeller.js';
import { cleanGenreTag, cleanKeywordTag, cleanMetadataText, genreWords, squashText } from './metadata-junk.js';
import { metadataTexts, type MetadataField } from './metadata-texts.js';
import { splitPath } from './name-tokens.js';
import { UCS_WEIGHT, describeUcs, ucsByCatId, ucsByNames, ucsTarget, type UcsEntry } from './ucs.js';

export interface MetadataCandidate {
  category: CategoryId;
  subTags: string[];
  confidence: number;
  /** Readable reasons, e.g. 'title "Kick 03"', 'comment "808 sub bass"'. */
  evidence: string[];
}

export interface MetadataLabels {
  /** Best first; empty when the metadata says nothing about the category. */
  candidates: MetadataCandidate[];
  /** Clean genres as 'genre:Drum & Bass', keywords as themselves, and the top candidate's sub-tags. */
  tags: Array<{ name: string; confidence: number }>;
  /** Fields that were read and set aside, with why ('placeholder', 'software name', 'copyright or link'…). */
  ignored: Array<{ field: MetadataField; text: string; reason: string }>;
}

export interface MetadataLabelOptions {
  /** The sample's path or file name: a title that repeats it adds no evidence beyond the file name's own. */
  path?: string;
}

/** A category word in this field counts this much, relative to the same word in a file name. */
export const FIELD_WEIGHTS: Readonly<Record<MetadataField, number>> = {
  category: 1.1, instrument: 1.1, title: 1, keywords: 0.8, subject: 0.8, comment: 0.8, description: 0.8,
  subtitle: 0.7, grouping: 0.6, album: 0.35, genre: 0.2,
};

const FIELD_NAMES: Readonly<Record<MetadataField, string>> = {
  category: 'category', instrument: 'instrument', title: 'title', keywords: 'keywords', subject: 'subject', comment: 'comment',
  description: 'description', subtitle: 'subtitle', grouping: 'grouping', album: 'album', genre: 'genre',
};

const QUOTE_MAX = 48;
const MIN_SUBTAG_CONFIDENCE = 0.5;

/** 'title "Kick 03"': the field and its text, clipped around the word that matched when long. */
function describe(field: MetadataField, text: string, word: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= QUOTE_MAX) return `${FIELD_NAMES[field]} "${flat}"`;
  const at = Math.max(0, flat.toLowerCase().indexOf(word.split(' ')[0]));
  const start = Math.max(0, Math.min(at - 16, flat.length - QUOTE_MAX));
  return `${FIELD_NAMES[field]} "${start > 0 ? '…' : ''}${flat.slice(start, start + QUOTE_MAX).trim()}${start + QUOTE_MAX < flat.length ? '…' : ''}"`;
}

/**
 * The UCS entry the tags name: by CatID, else by a Category/SubCategory pair UCS lists. A category alone is not
 * enough: sample packs use "Bells" or "Wind" for instruments, which UCS files under effects.
 */
export function ucsFromMetadata(meta: EmbeddedMetadata): UcsEntry | null {
  const byId = meta.catId ? ucsByCatId(meta.catId) : undefined;
  if (byId) return byId;
  return meta.category && meta.subCategory ? ucsByNames(meta.category, meta.subCategory) ?? null : null;
}

/** 'catId "AMBForst" (UCS AMBIENCE / FOREST)' when the tags gave the CatID, else 'category "SWOOSHES / WHOOSH" (UCS)'. */
function describeUcsEvidence(entry: UcsEntry, meta: EmbeddedMetadata): string {
  const names = describeUcs({ ...entry, catId: '' });
  return entry.catId && meta.catId ? `catId "${meta.catId.trim()}" (UCS ${names})` : `category "${names}" (UCS)`;
}

interface Score {
  score: number;
  /** Score from fields other than genre: genre only supports a category something else named. */
  named: number;
  subTags: Set<string>;
  evidence: string[];
}

export function labelFromMetadata(meta: EmbeddedMetadata, opts: MetadataLabelOptions = {}): MetadataLabels {
  const fileName = opts.path ? squashText(splitPath(opts.path.replace(/\\/g, '/')).file) : undefined;
  const credits = new Set([meta.artist, meta.originator, meta.software].filter((c): c is string => !!c).map(squashText));
  const scores = new Map<CategoryId, Score>();
  const ignored: MetadataLabels['ignored'] = [];
  const tags = new Map<string, { name: string; confidence: number }>();
  const addTag = (name: string, confidence: number) => {
    const key = name.toLowerCase();
    if (!tags.has(key)) tags.set(key, { name, confidence });
  };
  const bump = (cat: CategoryId, w: number, field: MetadataField, ev: string, subTag?: string) => {
    let s = scores.get(cat);
    if (!s) scores.set(cat, (s = { score: 0, named: 0, subTags: new Set(), evidence: [] }));
    s.score += w;
    if (field !== 'genre') s.named += w;
    if (subTag) s.subTags.add(subTag);
    if (!s.evidence.includes(ev)) s.evidence.push(ev);
  };

  // UCS fields are codes with a fixed meaning: read once through the UCS table, not again as words
  // ("BELLS / DOORBELL" is a doorbell, not a mallet; "MUSCPerc" would otherwise read as "perc").
  const ucs = ucsFromMetadata(meta);
  const ucsTexts = ucs ? new Set([meta.catId, meta.category, meta.subCategory].filter((t): t is string => !!t).map((t) => t.trim().toLowerCase())) : null;

  for (const { field, text } of metadataTexts(meta)) {
    if (field === 'category' && ucsTexts?.has(text.trim().toLowerCase())) continue;
    if (field === 'genre') for (const g of text.split(/\s*[;,/|]\s*/)) { const tag = cleanGenreTag(g); if (tag) addTag(`genre:${tag}`, 0.9); }
    if (field === 'keywords') for (const k of text.split(/\s*[;,|]\s*/)) { const tag = cleanKeywordTag(k); if (tag) addTag(tag, 0.8); }
    const clean = cleanMetadataText(text, { fileName: field === 'title' ? fileName : undefined, credits });
    if (clean.ignored) {
      ignored.push({ field, text, reason: clean.ignored });
      continue;
    }
    const weight = FIELD_WEIGHTS[field];
    for (const clause of clean.clauses) {
      const tokens = field === 'genre' ? genreWords(clause) : clause;
      const hits = matchSegment(tokens);
      const open = hasAny(tokens, OPEN_WORDS);
      const closed = hasAny(tokens, CLOSED_WORDS);
      const local = new Set<CategoryId>();
      const yielding = [];
      for (const hit of hits) {
        if (hit.entry.yieldsTo) { yielding.push(hit); continue; }
        let cat = hit.entry.category;
        // "Hat Open", "Open HH": a generic hat word next to an open modifier, as in file names.
        if (cat === 'hihat_closed' && hit.entry.weight < 1 && open && !closed) cat = 'hihat_open';
        bump(cat, hit.weight * weight, field, describe(field, text, hit.text), hit.entry.subTag);
        local.add(cat);
      }
      // "808 sub bass", "808 kick": modifiers join drum/bass evidence in the same clause, else vote for bass.
      for (const hit of yielding) {
        const host = (hit.entry.yieldsTo ?? []).find((t) => local.has(t));
        if (host) scores.get(host)!.subTags.add(hit.entry.subTag ?? hit.text);
        else bump(hit.entry.category, hit.weight * weight, field, describe(field, text, hit.text), hit.entry.subTag);
      }
    }
  }

  const target = ucs ? ucsTarget(ucs.category, ucs.subCategory) : null;
  if (ucs && target) {
    const ev = describeUcsEvidence(ucs, meta);
    // A broad class ("MUSICAL / PERCUSSION") lends its weight to the finer word in the tags ("Kick 03").
    const host = (target.yieldsTo ?? []).find((c) => (scores.get(c)?.named ?? 0) > 0);
    if (host) bump(host, UCS_WEIGHT, 'category', ev);
    else bump(target.category, UCS_WEIGHT, 'category', ev, target.subTag);
    // The UCS classification is the vendor's decision: other words may refine it, never contradict it.
    const allowed = new Set<CategoryId>([target.category, ...(target.yieldsTo ?? [])]);
    for (const cat of [...scores.keys()]) if (!allowed.has(cat)) scores.delete(cat);
  }

  // Genre never argues with what the title or category said; it only supports it, or stands alone (weakly).
  const anyNamed = [...scores.values()].some((s) => s.named > 0);
  const ranked = [...scores.entries()].filter(([, s]) => !anyNamed || s.named > 0).sort((a, b) => b[1].score - a[1].score);
  const total = ranked.reduce((acc, [, s]) => acc + s.score, 0);
  const candidates: MetadataCandidate[] = ranked.map(([category, s]) => {
    // The file-name labeller's scale: one clear word in a title ≈ 0.9; conflicting words pull it down.
    const strength = 1 - Math.exp(-2.3 * s.score);
    return { category, subTags: [...s.subTags], confidence: Math.round(strength * (s.score / total) * 1000) / 1000, evidence: s.evidence };
  });
  const top = candidates[0];
  // Sub-tags only from a candidate sure enough to be a label; a stray word in a comment tags nothing.
  if (top && top.confidence >= MIN_SUBTAG_CONFIDENCE) for (const sub of top.subTags) addTag(sub, top.confidence);
  return { candidates, tags: [...tags.values()], ignored };
}
