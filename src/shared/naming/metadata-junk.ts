// Embedded metadata is often junk: "Track 01", the encoder's name, a copyright line, the DAW that bounced it, a
// genre that happens to contain "bass". These rules strip that out so only words a person chose to describe the
// sound reach the labeller.
import { foldText, tokenize } from './name-tokens.js';

/** Software that writes its own name into tags; removed as phrases before matching ("FL Studio" is not a flute). */
const SOFTWARE_SOURCE =
  String.raw`\b(?:lavf|lavc|libav\w*|ffmpeg|lame\s*v?\d[\w.]*|lame|xiph\.?org|libvorbis|aotuv|reference\s+libflac|libflac|flac\s+\d[\w.]*|sox|audacity|` +
    String.raw`ableton(?:\s+live)?|logic\s+pro(?:\s+x)?|garageband|fl\s*studio|fruity\s*loops|pro\s*tools|cubase|nuendo|reaper|studio\s+one|bitwig(?:\s+studio)?|` +
    String.raw`sound\s*forge|wavelab|adobe\s+audition|audition|itunes|izotope|native\s+instruments|kontakt|maschine|serato|traktor|` +
    String.raw`propellerhead|reason\s+studios|steinberg|cakewalk|ardour|renoise|tracktion|waveform\s+\d+|acid\s+pro|sound\s+recorder|voice\s+memos)\b` +
  String.raw`(?:\s*v?\d+(?:[.\d]*\w*)?)?`;
const SOFTWARE = new RegExp(SOFTWARE_SOURCE, 'i');
const SOFTWARE_ALL = new RegExp(SOFTWARE_SOURCE, 'gi');

/** A clause that is a legal notice, a link or a credit, not a description. */
const NOTICE = /©|\(c\)|\bcopyright\b|\ball rights reserved\b|\broyalty[\s-]*free\b|\blicen[cs]e[ds]?\b|\bfor (?:demo|preview|personal)\b|\bwww\.|https?:|\.com\b|\.net\b|@\w+\.\w|\bencoded (?:by|with)\b|\bproduced by\b|\bdownloaded from\b/i;

/** Titles a tool fills in when nobody typed one. */
const PLACEHOLDER = /^(?:track|audio|audio track|untitled|untitled project|new recording|recording|rec|bounce|sample|sound|clip|take|export|file|unknown|no title|title|comment|none|n a|default|mixdown|master|output|render|new|test|temp|tmp|ch|channel|bus|stereo out|mono|stereo|voice memo|memo|audio file)(?: \d+)*$/;

/** Genre names that contain a category word but name a style of music, not a sound ("Drum & Bass", "Bass House"). */
const GENRE_PHRASES = [
  'drum and bass', 'drum n bass', 'drum bass', 'drumnbass', 'dnb', 'bass music', 'future bass', 'uk bass', 'bass house', 'bassline house', 'miami bass',
  'drumstep', 'vocal house', 'vocal trance', 'vocal jazz', 'piano house', 'piano bar', 'organ jazz', 'guitar pop', 'guitar rock', 'string quartet',
  'brass band', 'choral', 'chorus', 'acapella', 'a cappella', 'vocal', 'bass', 'noise', 'noise rock', 'ambient', 'dark ambient', 'ambient house',
  'ambient techno', 'instrumental', 'instrumental pop', 'instrumental rock', 'speech', 'sound clip', 'soundtrack', 'trailer', 'big band', 'orchestral',
  'classical', 'drum solo', 'percussion', 'glitch hop', 'glitch', 'lo fi', 'chamber music', 'symphony', 'fx',
].map((g) => g.split(' ')).sort((a, b) => b.length - a.length);

/** Genres that say nothing at all. */
const EMPTY_GENRES = new Set(['other', 'unknown', 'genre', 'misc', 'miscellaneous', 'none', 'various', 'default', 'unclassifiable', 'n a', 'na']);

export interface CleanText {
  /** The words left to match, one list per clause. */
  clauses: string[][];
  /** Why the field (or its clauses) were ignored, when nothing is left. */
  ignored?: string;
}

export interface JunkContext {
  /** File name without extension, squashed (squashText): a title equal to it repeats the file name's evidence. */
  fileName?: string;
  /** Squashed values of fields that, when repeated elsewhere, are credits, not descriptions (artist, software…). */
  credits?: ReadonlySet<string>;
}

/** Letters and digits only, folded: "Kick_03" and "kick 03" compare equal without tokenizing either. */
export function squashText(s: string): string {
  return foldText(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Drum-machine numbers are words to a producer ("808 sub"), not codes. */
const MACHINE_NUMBERS = /(?:^|\D)(?:808|909|707|606|303)(?:\D|$)/;

/** Mostly digits or hex ("00000A2B 00000B1C…", "1-03"): a code, not words. */
function isCode(text: string): boolean {
  if (MACHINE_NUMBERS.test(text)) return false;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  return letters < 2 || /^[\s0-9a-f]{12,}$/i.test(text) || letters / text.replace(/\s/g, '').length < 0.34;
}

/** The clauses of a free-text field that describe the sound, as tokens; junk clauses are dropped. */
export function cleanMetadataText(text: string, ctx: JunkContext = {}): CleanText {
  const trimmed = text.trim();
  const squashed = squashText(trimmed);
  if (ctx.credits?.has(squashed)) return { clauses: [], ignored: 'credit' };
  if (ctx.fileName && ctx.fileName === squashed) return { clauses: [], ignored: 'same as the file name' };
  const clauses: string[][] = [];
  const reasons = new Set<string>();
  // Clauses: lines, semicolons, pipes, " - " and sentence ends; a notice in one clause should not sink the rest.
  for (const raw of trimmed.split(/[\r\n;|]+|\s[-–—]\s|[.!?](?:\s+|$)/)) {
    const clause = raw.trim();
    if (!clause) continue;
    if (NOTICE.test(clause)) { reasons.add('copyright, link or credit'); continue; }
    const stripped = clause.replace(SOFTWARE_ALL, ' ').trim();
    if (stripped !== clause && !/\p{L}{2}/u.test(stripped)) { reasons.add('software name'); continue; }
    if (isCode(stripped)) { reasons.add('no words'); continue; }
    const tokens = tokenize(stripped);
    if (PLACEHOLDER.test(tokens.join(' '))) { reasons.add('placeholder'); continue; }
    if (tokens.length) clauses.push(tokens);
  }
  return clauses.length ? { clauses } : { clauses, ignored: [...reasons].join(', ') || 'no words' };
}

/** Genre tokens with known music-style names removed: what is left may describe the sound ("Drums", "SFX"). */
export function genreWords(tokens: readonly string[]): string[] {
  const out = [...tokens];
  for (const phrase of GENRE_PHRASES) {
    for (let i = 0; i + phrase.length <= out.length; i++) {
      if (phrase.every((w, j) => out[i + j] === w)) out.splice(i, phrase.length, '');
    }
  }
  return out.filter((t) => t.length > 0);
}

/** A genre clean enough to show as a tag ("Drum & Bass", "Hip-Hop"), or null for codes, placeholders and empties. */
export function cleanGenreTag(genre: string): string | null {
  const g = genre.trim().replace(/\s+/g, ' ');
  if (g.length < 2 || g.length > 40 || isCode(g) || NOTICE.test(g) || SOFTWARE.test(g)) return null;
  const folded = tokenize(g).join(' ');
  if (!folded || EMPTY_GENRES.has(folded) || folded.split(' ').length > 4) return null;
  return g;
}

/** A keyword clean enough to be a tag: short, words, not a credit. */
export function cleanKeywordTag(keyword: string): string | null {
  const k = foldText(keyword.trim().replace(/\s+/g, ' '));
  if (k.length < 2 || k.length > 30 || isCode(k) || NOTICE.test(k) || SOFTWARE.test(k)) return null;
  if (k.split(' ').length > 3 || PLACEHOLDER.test(tokenize(k).join(' '))) return null;
  return k;
}
