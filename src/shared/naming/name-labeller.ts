// Labels a sample from its file and folder names: category candidates with confidence and evidence, plus tempo,
// key, root note and loop/one-shot hints. Pure, so the scanner, the UI and the classifier all read names alike.
// UCS names (CatID_FXName_CreatorID_SourceID) vote with their CatID and describe with their FXName only.
import { subTagsOf, type CategoryId } from '../taxonomy/categories.js';
import type { SampleKind } from '../model/analysis.js';
import { splitPath, tokenize } from './name-tokens.js';
import { KIND_WORDS, LOOP_WORDS, MAX_PHRASE_WORDS, ONESHOT_WORDS, VOCABULARY, type VocabEntry } from './vocabulary.js';
import { parseBpm, parseKey, parseNote, type NameValue } from './name-music.js';
import { UCS_WEIGHT, describeUcs, parseUcsName, ucsTarget, type UcsName } from './ucs.js';

export interface NameCandidate {
  category: CategoryId;
  subTags: string[];
  confidence: number;
  /** Tokens that voted, e.g. ['kick (file)', '808 (file)', 'drums (folder)']. */
  evidence: string[];
}

export interface NameLabels {
  /** Best first; empty when the name says nothing about the category. */
  candidates: NameCandidate[];
  bpm: NameValue<number> | null;
  key: NameValue<string> | null;
  note: NameValue<{ note: string; midi: number }> | null;
  kind: NameValue<SampleKind> | null;
  /** The file name read as a UCS name (CatID_FXName_CreatorID_SourceID), when it is one. */
  ucs?: UcsName;
}

export interface NameLabelOptions {
  /** Library root to strip so the user's own folders ("/Users/ana/Music") never vote. */
  root?: string;
  /** Folder levels above the file that may vote (nearest first). */
  maxFolders?: number;
}

/** Weight of the file name vs. folders at distance 1, 2, 3… */
const FOLDER_WEIGHTS = [0.5, 0.35, 0.25, 0.2];
/** Modifiers that turn a generic hat word into an open or closed hat (also read by the metadata labeller). */
export const OPEN_WORDS: ReadonlySet<string> = new Set(['open', 'opened', 'abierto', 'aberto', 'ouvert', 'offen', 'aperto']);
export const CLOSED_WORDS: ReadonlySet<string> = new Set(['closed', 'close', 'cerrado', 'fechado', 'ferme', 'geschlossen', 'chiuso']);

/** One vocabulary match in a run of tokens. */
export interface Hit {
  entry: VocabEntry;
  text: string;
  weight: number;
  where: 'file' | 'folder';
}

/** Vocabulary matches in one run of tokens, longest phrase first, glued words last (shared with metadata). */
export function matchSegment(tokens: string[]): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; ) {
    let matched = 0;
    for (let n = Math.min(MAX_PHRASE_WORDS, tokens.length - i); n >= 1 && !matched; n--) {
      const phrase = tokens.slice(i, i + n).join(' ');
      const entry = VOCABULARY.get(phrase) ?? (n > 1 ? VOCABULARY.get(tokens.slice(i, i + n).join('')) : undefined);
      if (entry) {
        hits.push({ entry, text: phrase, weight: entry.weight, where: 'file' });
        matched = n;
      }
    }
    if (!matched) {
      const glued = findGlued(tokens[i]);
      if (glued) hits.push(glued);
      matched = 1;
    }
    i += matched;
  }
  return hits;
}

/** Words that may be found glued inside a longer token, with their place in the vocabulary (ties go to the first). */
const GLUED = new Map([...VOCABULARY].filter(([, e]) => e.glued).map(([word, entry], order) => [word, { entry, order }]));
const GLUED_LENGTHS = [...new Set([...GLUED.keys()].map((w) => w.length))].sort((a, b) => b - a);

/**
 * A long vocabulary word inside an unknown token ("deepkick", "snaretop"), trusted a little less: the longest one,
 * found by looking the token's substrings up (naming 100k new files scanned the whole vocabulary per token).
 */
function findGlued(token: string): Hit | null {
  if (token.length < 5 || VOCABULARY.has(token)) return null;
  for (const len of GLUED_LENGTHS) {
    if (len >= token.length) continue;
    let found: { word: string; entry: VocabEntry; order: number } | null = null;
    for (let at = 0; at + len <= token.length; at++) {
      const word = token.slice(at, at + len);
      const g = GLUED.get(word);
      if (g && (!found || g.order < found.order)) found = { word, ...g };
    }
    if (found) return { entry: found.entry, text: found.word, weight: found.entry.weight * 0.8, where: 'file' };
  }
  return null;
}

export function hasAny(tokens: string[], set: ReadonlySet<string>): string | null {
  for (const t of tokens) if (set.has(t)) return t;
  return null;
}

// The files of a library share a few thousand folders: their words are read once, not once per file.
const folderCache = new Map<string, { tokens: string[]; hits: Hit[] }>();
const FOLDER_CACHE_SIZE = 4096;

function folderWords(folder: string): { tokens: string[]; hits: Hit[] } {
  let words = folderCache.get(folder);
  if (!words) {
    if (folderCache.size >= FOLDER_CACHE_SIZE) folderCache.clear();
    const tokens = tokenize(folder);
    words = { tokens, hits: matchSegment(tokens) };
    folderCache.set(folder, words);
  }
  return words;
}

export function labelFromName(path: string, opts: NameLabelOptions = {}): NameLabels {
  let rel = path.replace(/\\/g, '/');
  if (opts.root) {
    const root = opts.root.replace(/\\/g, '/').replace(/\/+$/, '');
    if (rel.startsWith(root + '/')) rel = rel.slice(root.length + 1);
  }
  const { folders, file } = splitPath(rel);
  const maxFolders = Math.min(opts.maxFolders ?? FOLDER_WEIGHTS.length, FOLDER_WEIGHTS.length);
  // In a UCS name only the FXName block is words; the CatID votes below and the creator/source IDs say nothing.
  const ucs = parseUcsName(file);
  const fileTokens = tokenize(ucs ? ucs.fxName : file);
  const segments: { tokens: string[]; hits: Hit[]; scale: number; where: 'file' | 'folder' }[] = [{ tokens: fileTokens, hits: matchSegment(fileTokens), scale: 1, where: 'file' }];
  for (let d = 0; d < maxFolders && d < folders.length; d++) {
    segments.push({ ...folderWords(folders[folders.length - 1 - d]), scale: FOLDER_WEIGHTS[d], where: 'folder' });
  }

  const scores = new Map<CategoryId, { score: number; subTags: Set<string>; evidence: string[] }>();
  const bump = (cat: CategoryId, w: number, ev: string, subTag?: string) => {
    let s = scores.get(cat);
    if (!s) scores.set(cat, (s = { score: 0, subTags: new Set(), evidence: [] }));
    s.score += w;
    if (subTag) s.subTags.add(subTag);
    s.evidence.push(ev);
  };

  // A UCS CatID is the file's deliberate classification: words in the FXName may refine it ("MUSCPerc_Kick Deep" is
  // a kick, "WHSH_Riser Long" a riser sweep) but not contradict it ("AMBForst_Dawn Chorus" is birds, not a choir).
  const target = ucs ? ucsTarget(ucs.entry.category, ucs.entry.subCategory) : null;
  const allowed = target ? new Set<CategoryId>([target.category, ...(target.yieldsTo ?? [])]) : null;
  const mayVote = (cat: CategoryId, segIndex: number) => segIndex > 0 || !allowed || allowed.has(cat);

  const allTokensForHats = segments.slice(0, 2).flatMap((s) => s.tokens);
  const yielding: { hit: Hit; scale: number; segIndex: number }[] = [];
  segments.forEach((seg, segIndex) => {
    const hits = seg.hits;
    // Open/closed may sit in the file name or a nearer folder ("Hats/Open/tick 1.wav").
    const near = segments.slice(0, segIndex + 1).flatMap((s) => s.tokens);
    const open = hasAny(near, OPEN_WORDS) ?? hasAny(allTokensForHats, OPEN_WORDS);
    const closed = hasAny(near, CLOSED_WORDS);
    for (const hit of hits) {
      if (hit.entry.yieldsTo) {
        yielding.push({ hit, scale: seg.scale, segIndex });
        continue;
      }
      let cat = hit.entry.category;
      // "Open HH", "Hat Open 02": a generic hat word next to an open/closed modifier.
      if (cat === 'hihat_closed' && hit.entry.weight < 1 && open && !closed) cat = 'hihat_open';
      if (!mayVote(cat, segIndex)) continue;
      const ev = `${hit.text} (${seg.where})`;
      bump(cat, hit.weight * seg.scale, ev, hit.entry.subTag);
      if ((cat === 'hihat_open' && open) || (cat === 'hihat_closed' && closed)) scores.get(cat)!.evidence.push(`${open ?? closed} (${seg.where})`);
    }
  });
  // The CatID is strong file evidence; a broad class ("percussion") backs the finer word of its FXName ("kick").
  if (ucs && target) {
    const ev = `UCS ${describeUcs(ucs.entry)} (file)`;
    const host = (target.yieldsTo ?? []).find((c) => scores.get(c)?.evidence.some((e) => e.endsWith('(file)')));
    if (host) bump(host, UCS_WEIGHT, ev);
    else bump(target.category, UCS_WEIGHT, ev, target.subTag);
  }
  // Modifiers like "808" / "sub": join the strongest drum/bass evidence from the same segment or the file name;
  // otherwise they are evidence for bass on their own.
  for (const { hit, scale, segIndex } of yielding) {
    const targets = hit.entry.yieldsTo ?? [];
    let host: CategoryId | null = null;
    let hostScore = 0;
    for (const t of targets) {
      const s = scores.get(t);
      if (s && s.score > hostScore && s.evidence.some((e) => e.endsWith(segIndex === 0 ? '(file)' : '(folder)'))) {
        host = t;
        hostScore = s.score;
      }
    }
    const ev = `${hit.text} (${segIndex === 0 ? 'file' : 'folder'})`;
    if (host) {
      const s = scores.get(host)!;
      if (hit.entry.subTag) s.subTags.add(hit.entry.subTag);
      s.evidence.push(ev);
    } else if (mayVote(hit.entry.category, segIndex)) {
      bump(hit.entry.category, hit.weight * scale, ev, hit.entry.subTag);
    }
  }

  // Kind words ("909", "high", "acoustic") in a segment that named a category become that category's sub-tags.
  for (const [category, s] of scores) {
    const kinds = subTagsOf(category);
    for (const seg of segments) {
      if (!seg.hits.some((h) => h.entry.category === category || (category === 'hihat_open' && h.entry.category === 'hihat_closed'))) continue;
      for (const token of seg.tokens) {
        const kind = KIND_WORDS.get(token)?.find((k) => kinds.includes(k));
        if (kind) s.subTags.add(kind);
      }
    }
  }

  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const total = ranked.reduce((acc, [, s]) => acc + s.score, 0);
  const candidates: NameCandidate[] = ranked.map(([category, s]) => {
    // Saturating strength times share of all evidence: one clear file token ≈ 0.9; conflicts pull it down.
    const strength = 1 - Math.exp(-2.3 * s.score);
    const share = s.score / total;
    return { category, subTags: [...s.subTags], confidence: Math.round(strength * share * 1000) / 1000, evidence: s.evidence };
  });

  const allTokens = segments.flatMap((s) => s.tokens);
  const fileLoop = hasAny(fileTokens, LOOP_WORDS);
  const fileShot = hasAny(fileTokens, ONESHOT_WORDS) ?? (fileTokens.join(' ').includes('one shot') ? 'one shot' : null);
  const folderLoop = hasAny(allTokens, LOOP_WORDS);
  const folderShot = hasAny(allTokens, ONESHOT_WORDS) ?? (allTokens.join(' ').includes('one shot') ? 'one shot' : null);
  const looksLoop = !!(fileLoop ?? (!fileShot && folderLoop));
  const bpm = parseBpm(file, looksLoop || candidates.some((c) => c.category !== 'unknown' && !fileShot && folderLoop !== null));
  const tonal = candidates.length > 0 && !['kick', 'snare', 'clap', 'hihat_closed', 'hihat_open', 'cymbal', 'tom', 'percussion'].includes(candidates[0].category);
  const key = parseKey(file, looksLoop || bpm !== null || tonal);
  const note = parseNote(file);

  let kind: NameValue<SampleKind> | null = null;
  if (fileLoop && !fileShot) kind = { value: 'loop', confidence: 0.9, evidence: fileLoop };
  // MUSICAL/LOOP and MUSICAL/SAMPLE ("single triggered samples, not loops") say which it is.
  else if (ucs?.entry.catId === 'MUSCLoop' && !fileShot) kind = { value: 'loop', confidence: 0.85, evidence: ucs.entry.catId };
  else if (ucs?.entry.catId === 'MUSCSmpl' && !fileLoop) kind = { value: 'oneshot', confidence: 0.8, evidence: ucs.entry.catId };
  else if (fileShot && !fileLoop) kind = { value: 'oneshot', confidence: 0.9, evidence: fileShot };
  else if (bpm && bpm.confidence >= 0.9) kind = { value: 'loop', confidence: 0.75, evidence: bpm.evidence };
  else if (folderLoop && !folderShot) kind = { value: 'loop', confidence: 0.6, evidence: folderLoop };
  else if (folderShot && !folderLoop) kind = { value: 'oneshot', confidence: 0.6, evidence: folderShot };

  return { candidates, bpm, key, note, kind, ...(ucs ? { ucs } : {}) };
}

/** The category when the name alone is decisive enough to seed the classifier, else null. */
export function unambiguousCategory(labels: NameLabels, minConfidence = 0.8): CategoryId | null {
  const top = labels.candidates[0];
  return top && top.confidence >= minConfidence ? top.category : null;
}
