// The Universal Category System as label evidence: looks CatIDs and Category/SubCategory pairs up in the UCS list,
// maps them onto our taxonomy (most UCS categories are sound effects; MUSICAL and VOICES name instruments and
// voices), and recognises UCS file names (CatID_FXName_CreatorID_SourceID) without misreading ordinary sample names.
import type { CategoryId } from '../taxonomy/categories.js';
import { UCS_ROWS } from './ucs-categories.js';

export interface UcsEntry {
  catId: string;
  category: string;
  subCategory: string;
}

/** What a UCS category means in our taxonomy. */
export interface UcsTarget {
  category: CategoryId;
  subTag?: string;
  /** A broad class ("percussion") that a more specific word in the same name or tags refines ("kick"). */
  yieldsTo?: readonly CategoryId[];
}

/** A UCS category counts this much, on the labellers' scale (one clear file-name word = 1, ≈ 0.9 confidence). */
export const UCS_WEIGHT = 1.2;

const BY_ID = new Map<string, UcsEntry>();
/** Mixed-case CatIDs by their upper-case spelling ('AMBFORST'), for tools that upper-case names. */
const BY_UPPER_ID = new Map<string, UcsEntry>();
const BY_NAMES = new Map<string, UcsEntry>();
const CATEGORIES = new Set<string>();

const key = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();

for (const [category, subs] of UCS_ROWS) {
  CATEGORIES.add(category);
  for (const pair of subs.split('; ')) {
    const space = pair.indexOf(' ');
    const entry: UcsEntry = { catId: pair.slice(0, space), category, subCategory: pair.slice(space + 1) };
    BY_ID.set(entry.catId, entry);
    if (/[a-z]/.test(entry.catId)) BY_UPPER_ID.set(entry.catId.toUpperCase(), entry);
    BY_NAMES.set(`${category}/${entry.subCategory}`, entry);
  }
}

/** The entry of a CatID as UCS spells it ('WHSH', 'DOORWood'), or its all-capitals form for mixed-case ones. */
export function ucsByCatId(catId: string): UcsEntry | undefined {
  const id = catId.trim();
  return BY_ID.get(id) ?? BY_UPPER_ID.get(id);
}

/** The entry for a Category/SubCategory pair, in any case ('Swooshes', 'whoosh'). */
export function ucsByNames(category: string, subCategory: string): UcsEntry | undefined {
  return BY_NAMES.get(`${key(category)}/${key(subCategory)}`);
}

export function isUcsCategory(category: string): boolean {
  return CATEGORIES.has(key(category));
}

const DRUMS: readonly CategoryId[] = ['kick', 'snare', 'clap', 'hihat_closed', 'hihat_open', 'cymbal', 'tom'];
const fx = (subTag?: string): UcsTarget => (subTag ? { category: 'fx', subTag } : { category: 'fx' });

/** Subcategories that decide on their own, whatever the category's default ('CATEGORY/SUBCATEGORY'). */
const SUB_RULES: Readonly<Record<string, UcsTarget | null>> = {
  'MUSICAL/BELLS': { category: 'mallet', subTag: 'bells' },
  'MUSICAL/BRASS': { category: 'brass' },
  'MUSICAL/CHIME': { category: 'percussion' },
  'MUSICAL/CHORAL': { category: 'vocal', subTag: 'choir' },
  'MUSICAL/KEYED': { category: 'keys', yieldsTo: ['organ'] },
  'MUSICAL/PERCUSSION': { category: 'percussion', yieldsTo: DRUMS },
  'MUSICAL/PERCUSSION TUNED': { category: 'mallet' },
  // "Guitars, banjos, harps": a guitar unless the name says harp or another plucked sound.
  'MUSICAL/PLUCKED': { category: 'guitar', yieldsTo: ['pluck', 'bass'] },
  'MUSICAL/SHAKEN': { category: 'percussion', subTag: 'shaker' },
  'MUSICAL/STRINGED': { category: 'strings' },
  'MUSICAL/WOODWIND': { category: 'woodwind' },
  'BELLS/GONG': { category: 'percussion' },
  'BELLS/HANDBELL': { category: 'mallet', subTag: 'bells' },
  'BELLS/LARGE': { category: 'mallet', subTag: 'bells' },
  'BELLS/MISC': { category: 'mallet', subTag: 'bells' },
  'BELLS/ANIMAL': fx('foley'),
  'CARTOON/MUSICAL': null,
  'CROWDS/SINGING': { category: 'vocal', subTag: 'choir' },
  'ROBOTS/VOCAL': { category: 'vocal' },
  'HUMAN/BREATH': { category: 'vocal' },
  'DESIGNED/RISER': fx('riser'),
  'DESIGNED/BASS DIVE': fx('downlifter'),
  'DESIGNED/BOOM': fx('impact'),
  'DESIGNED/BRAAM': fx('impact'),
  'DESIGNED/STINGER': fx('impact'),
  'DESIGNED/WHOOSH': fx('sweep'),
  'ELECTRICITY/BUZZ & HUM': fx('noise'),
  'COMMUNICATIONS/STATIC': fx('noise'),
  'AIR/HISS': fx('noise'),
  'USER INTERFACE/GLITCH': fx('glitch'),
};

/** Subcategories that mean the same in every sound-effects category ('GLASS/IMPACT', 'FIRE/WHOOSH'). */
const GENERIC_SUBS: Readonly<Record<string, UcsTarget>> = {
  IMPACT: fx('impact'), 'CRASH & DEBRIS': fx('impact'), BREAK: fx('impact'), COLLAPSE: fx('impact'),
  WHOOSH: fx('sweep'), SWISH: fx('sweep'),
};

const foley = fx('foley');
/** Category defaults; a UCS category missing here is a sound effect without a finer tag. null = says no type. */
const CATEGORY_RULES: Readonly<Record<string, UcsTarget | null>> = {
  // MUSICAL subcategories that name no instrument (LOOP, SAMPLE, SYNTHESIZED, SONG & PHRASE…) say nothing.
  MUSICAL: null,
  ARCHIVED: null,
  VOICES: { category: 'vocal' },
  AMBIENCE: fx('ambience'), RAIN: fx('ambience'), WIND: fx('ambience'), WEATHER: fx('ambience'), CROWDS: fx('ambience'),
  EXPLOSIONS: fx('impact'), DESTRUCTION: fx('impact'),
  SWOOSHES: fx('sweep'),
  FOLEY: foley, FOOTSTEPS: foley, CLOTH: foley, LEATHER: foley, PAPER: foley, OBJECTS: foley, 'FOOD & DRINK': foley,
  DRAWERS: foley, DOORS: foley, WINDOWS: foley, MOVEMENT: foley, ROPE: foley, RUBBER: foley, PLASTIC: foley,
  WOOD: foley, METAL: foley, GLASS: foley, CERAMICS: foley, CHAINS: foley, 'DIRT & SAND': foley, SNOW: foley,
  ICE: foley, ROCKS: foley, TOOLS: foley, VEGETATION: foley, GORE: foley, WEAPONS: foley, FIGHT: foley,
  'LIQUID & MUD': foley, HUMAN: foley,
};

/** Our category for a UCS Category/SubCategory, or null when UCS names no sound type we label. */
export function ucsTarget(category: string, subCategory = ''): UcsTarget | null {
  const cat = key(category);
  const sub = key(subCategory);
  if (!CATEGORIES.has(cat)) return null;
  const pair = `${cat}/${sub}`;
  if (Object.hasOwn(SUB_RULES, pair)) return SUB_RULES[pair] ?? null;
  const base = Object.hasOwn(CATEGORY_RULES, cat) ? CATEGORY_RULES[cat] ?? null : fx();
  if (base?.category === 'fx' && Object.hasOwn(GENERIC_SUBS, sub)) return GENERIC_SUBS[sub]!;
  return base;
}

/** 'WHSH = SWOOSHES / WHOOSH' for evidence lists. */
export function describeUcs(entry: UcsEntry): string {
  return `${entry.catId ? `${entry.catId} = ` : ''}${entry.category}${entry.subCategory ? ` / ${entry.subCategory}` : ''}`;
}

export interface UcsName {
  entry: UcsEntry;
  /** The CatID block's optional '-UserCategory' suffix. */
  userCategory?: string;
  /** The description block, the only part of the name that describes the sound in words. */
  fxName: string;
  creatorId: string;
  sourceId: string;
}

/**
 * Reads a file name (without extension) as UCS: 'CatID[-UserCategory]_FXName_CreatorID_SourceID[_UserData]'. The
 * CatID must be one UCS lists, in UCS's own case (or all capitals for a mixed-case one), so 'Kick_01_Hard' and
 * '808_Bass_C' are never UCS. CatIDs that are plain words ('WIND', 'RAIN', 'MIX', 'TEST') need the full four blocks
 * and a creator ID with letters, because ordinary names start with those words too.
 */
export function parseUcsName(stem: string): UcsName | null {
  const blocks = stem.split('_');
  if (blocks.length < 3 || blocks.slice(0, 3).some((b) => !b.trim())) return null;
  const first = blocks[0]!;
  const dash = first.indexOf('-');
  const catToken = dash > 0 ? first.slice(0, dash) : first;
  const entry = ucsByCatId(catToken);
  if (!entry || catToken !== catToken.trim()) return null;
  const wordLike = !/[a-z]/.test(entry.catId);
  if (wordLike && (catToken !== entry.catId || blocks.length < 4 || !blocks[3]!.trim() || !/\p{L}/u.test(blocks[2]!))) return null;
  const fxName = blocks[1]!.trim();
  if (!/[\p{L}\p{N}]/u.test(fxName)) return null;
  const userCategory = dash > 0 ? first.slice(dash + 1).trim() : '';
  return {
    entry, fxName, creatorId: blocks[2]!.trim(), sourceId: (blocks[3] ?? '').trim(),
    ...(userCategory ? { userCategory } : {}),
  };
}
