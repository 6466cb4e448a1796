// Decides which MIDI key plays which exported sample: General MIDI drum notes for kits, root-note splits for
// chromatic multisamples. Pure, so the SFZ and Decent Sampler writers share one mapping.
import { DRUM_CATEGORIES } from '../../shared/taxonomy/categories.js';
import type { ExportItem, KitRegion } from './export-types.js';

/** GM percussion notes by sub-tag, most specific first. */
const SUBTAG_NOTES: Readonly<Record<string, readonly number[]>> = {
  crash: [49, 57], ride: [51, 59], bell: [53], splash: [55], china: [52],
  rimshot: [37], rim: [37], brush: [40], pedal: [44],
  tambourine: [54], cowbell: [56], bongo: [60, 61], conga: [62, 63, 64], timbale: [65, 66], agogo: [67, 68],
  cabasa: [69], maracas: [70], shaker: [70, 82], guiro: [73, 74], clave: [75], woodblock: [76, 77], triangle: [81, 80],
  low: [41, 43], floor: [41, 43], mid: [45, 47], high: [48, 50],
};

/** Preferred GM notes per category, in the order extra sounds take them. */
const CATEGORY_NOTES: Readonly<Record<string, readonly number[]>> = {
  kick: [36, 35], snare: [38, 40], clap: [39], hihat_closed: [42, 44], hihat_open: [46],
  cymbal: [49, 57, 51, 59, 55, 52, 53],
  tom: [41, 43, 45, 47, 48, 50],
  percussion: [56, 54, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 75, 76, 77, 82, 81, 80, 73, 74],
};

export function isDrumCategory(category: string | undefined): boolean {
  return !!category && (DRUM_CATEGORIES as readonly string[]).includes(category);
}

/** Drums when most categorised items are drum sounds, or when nothing has a root note to map chromatically. */
export function chooseKitKind(items: readonly ExportItem[]): 'drums' | 'chromatic' {
  const drums = items.filter((i) => isDrumCategory(i.category)).length;
  const pitched = items.filter((i) => i.rootMidi != null && !isDrumCategory(i.category)).length;
  return pitched > drums ? 'chromatic' : 'drums';
}

function preferredNotes(item: ExportItem): number[] {
  const out: number[] = [];
  const cat = item.category ?? '';
  // Sub-tags only refine within their own category (a tom tagged 'low' uses tom notes, not a cymbal's).
  const catNotes = CATEGORY_NOTES[cat] ?? [];
  for (const tag of item.tags) {
    const t = tag.toLowerCase();
    for (const n of SUBTAG_NOTES[t] ?? []) {
      if (!catNotes.length || catNotes.includes(n) || cat === 'percussion' || t === 'rim' || t === 'rimshot') out.push(n);
    }
  }
  out.push(...catNotes);
  return [...new Set(out)];
}

export interface KitSample {
  item: ExportItem;
  samplePath: string;
}

/**
 * GM drum kit: pass 1 gives each category's first sound its preferred note, pass 2 gives later sounds the
 * category's other GM notes, then successive free notes above the category's home note.
 */
export function mapDrumKit(samples: readonly KitSample[]): KitRegion[] {
  const used = new Set<number>();
  const chosen = new Map<number, number>(); // index → note
  // Toms go low → high by pitch when we know it.
  const order = samples.map((_, i) => i).sort((a, b) => {
    const ia = samples[a].item, ib = samples[b].item;
    if (ia.category === 'tom' && ib.category === 'tom') return (ia.rootMidi ?? 0) - (ib.rootMidi ?? 0) || a - b;
    return a - b;
  });
  const firstOfCategory = new Set<number>();
  const seen = new Set<string>();
  for (const i of order) {
    const c = samples[i].item.category ?? '?';
    if (!seen.has(c)) { seen.add(c); firstOfCategory.add(i); }
  }
  for (const pass of [0, 1]) {
    for (const i of order) {
      if (chosen.has(i) || (pass === 0 && !firstOfCategory.has(i))) continue;
      const note = preferredNotes(samples[i].item).find((n) => !used.has(n));
      if (note !== undefined) { chosen.set(i, note); used.add(note); }
    }
  }
  for (const i of order) {
    if (chosen.has(i)) continue;
    const home = preferredNotes(samples[i].item)[0] ?? 60;
    let note = -1;
    for (let n = home; n <= 127 && note < 0; n++) if (!used.has(n)) note = n;
    for (let n = home; n >= 0 && note < 0; n--) if (!used.has(n)) note = n;
    if (note < 0) continue; // more than 128 sounds: the rest stay out of the kit
    chosen.set(i, note);
    used.add(note);
  }
  return samples.flatMap((s, i) => {
    const n = chosen.get(i);
    return n === undefined ? [] : [{ samplePath: s.samplePath, key: n, loKey: n, hiKey: n, rootKey: n, category: s.item.category, oneShot: true }];
  });
}

/**
 * Chromatic multisample: samples sorted by root note, each covering the keys halfway to its neighbours; samples
 * sharing a root become round-robin alternatives. Samples without a root note are left out.
 */
export function mapChromaticKit(samples: readonly KitSample[]): { regions: KitRegion[]; omitted: KitSample[] } {
  const withRoot = samples.filter((s) => s.item.rootMidi != null && s.item.rootMidi >= 0 && s.item.rootMidi <= 127);
  const omitted = samples.filter((s) => !withRoot.includes(s));
  const roots = [...new Set(withRoot.map((s) => Math.round(s.item.rootMidi as number)))].sort((a, b) => a - b);
  const regions: KitRegion[] = [];
  roots.forEach((root, r) => {
    const lo = r === 0 ? 0 : Math.floor((roots[r - 1] + root) / 2) + 1;
    const hi = r === roots.length - 1 ? 127 : Math.floor((root + roots[r + 1]) / 2);
    const same = withRoot.filter((s) => Math.round(s.item.rootMidi as number) === root);
    same.forEach((s, k) => regions.push({
      samplePath: s.samplePath, key: root, loKey: lo, hiKey: hi, rootKey: root, category: s.item.category,
      oneShot: false,
      ...(same.length > 1 ? { seqPosition: k + 1, seqLength: same.length } : {}),
    }));
  });
  return { regions, omitted };
}
