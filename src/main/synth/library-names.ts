// Folder and file names for written libraries: tidy by-category, or 'messy' like real packs (abbreviations, mixed
// case and separators, and some files whose name says nothing).
import type { CategoryId } from './category-id.js';
import type { SynthSound } from './index.js';
import { CATEGORY_WORD } from './names.js';
import type { Rng } from './rng.js';

const ABBR: Record<CategoryId, string[]> = {
  kick: ['BD', 'Kick', 'kck', 'KD', 'Kik'], snare: ['SD', 'Snare', 'snr', 'Snr'], clap: ['Clp', 'Clap', 'CP', 'clap'],
  hihat_closed: ['HH', 'CH', 'Hat', 'hihat cl', 'ClHat'], hihat_open: ['OH', 'OpHat', 'open hat', 'Hat Open'], cymbal: ['Cym', 'Crash', 'CY', 'cymbal'],
  tom: ['Tom', 'TT', 'tom'], percussion: ['Perc', 'PRC', 'perc', 'Percussion'], bass: ['Bass', 'BS', 'bass', 'Sub'], keys: ['Keys', 'Pno', 'keys', 'EP'],
  organ: ['Organ', 'Org', 'organ'], mallet: ['Mallet', 'Mlt', 'mallets'], guitar: ['Gtr', 'Guitar', 'gtr'], pluck: ['Pluck', 'Plk', 'pluck'],
  strings: ['Str', 'Strings', 'strs'], brass: ['Brass', 'Brs', 'Horn'], woodwind: ['Wind', 'WW', 'Flute'], lead: ['Lead', 'Ld', 'SynLead'],
  pad: ['Pad', 'pad', 'Atmos'], vocal: ['Vox', 'Vocal', 'VOX', 'vox'], fx: ['FX', 'Fx', 'sfx', 'SFX'],
};

const DRUM_FOLDER: Partial<Record<CategoryId, string[]>> = {
  kick: ['Kicks', 'BD', 'kicks', '01 Kicks'], snare: ['Snares', 'SD', 'snares & rims', '02 Snares'], clap: ['Claps', 'clps', '03 Claps'],
  hihat_closed: ['Hats', 'HH', 'hihats', '04 Hats'], hihat_open: ['Hats', 'OH', 'Open Hats'], cymbal: ['Cymbals', 'Crashes', 'cym'],
  tom: ['Toms', 'toms'], percussion: ['Perc', 'Percussion', 'PERC', 'shakers+perc'],
};

const PACKS = ['Deep House Essentials', 'TRAP KIT VOL 2', 'lofi_dust', 'Analog Dreams', 'Studio One-Shots', 'my samples', 'Downloads/pack_final', 'Cinematic Tools'];

export function tidyFolder(s: SynthSound): string {
  return s.kind === 'loop' ? `Loops/${CATEGORY_WORD[s.category]}` : `One Shots/${CATEGORY_WORD[s.category]}`;
}

export function messyFolder(s: SynthSound, rng: Rng): string {
  const pack = rng.pick(PACKS);
  if (rng.chance(0.1)) return pack;
  if (s.kind === 'loop') return `${pack}/${rng.pick(['Loops', 'loops', 'LOOPS'])}/${rng.chance(0.5) ? `${s.bpm}` : rng.pick(ABBR[s.category])}`;
  const drum = DRUM_FOLDER[s.category];
  const sub = drum ? rng.pick(drum) : rng.pick([CATEGORY_WORD[s.category], ...ABBR[s.category]]);
  return rng.chance(0.5) ? `${pack}/${rng.pick(['Drums', 'One Shots', 'oneshots', 'Samples'])}/${sub}` : `${pack}/${sub}`;
}

export function messyName(s: SynthSound, rng: Rng, index: number): string {
  // ~8% of real files carry no telling name at all.
  if (rng.chance(0.08)) return rng.pick(['audio', 'Track', 'untitled', 'sample', 'rec', 'bounce']) + rng.pick(['_', ' ', '-']) + String(index).padStart(rng.int(1, 4), '0');
  const sep = rng.pick(['_', ' ', '-', '_']);
  const words = s.name.split(' ');
  const cat = CATEGORY_WORD[s.category].split(' ');
  // Swap the category word for a pack-style abbreviation.
  const rest = words.slice(cat.every((w, k) => words[k] === w) ? cat.length : 0);
  let parts = [rng.pick(ABBR[s.category]), ...rest];
  if (rng.chance(0.3)) parts = parts.map((w) => w.toLowerCase());
  else if (rng.chance(0.15)) parts = parts.map((w) => w.toUpperCase());
  return parts.join(sep).replace(/[/\\:*?"<>|]/g, '');
}
