// Turns what the user picked (groups, categories, a search, explicit ids) into ExportItems from the library.
import { basename, extname } from 'node:path';
import type { SampleSummary } from '../../shared/model/sample.js';
import type { LibraryDb } from '../store/index.js';
import { categoryLabel } from './name-template.js';
import type { ExportSelection } from './export-cli-args.js';
import type { ExportItem } from './export-types.js';

const PITCH_CLASS: Record<string, number> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** 'A4' → 69, 'C#3' → 49, 'Eb2' → 39; null when not a scientific pitch name. */
export function noteToMidi(note: string | null | undefined): number | null {
  const m = /^\s*([A-Ga-g])([#♯b♭]?)(-?\d{1,2})\s*$/.exec(note ?? '');
  if (!m) return null;
  const acc = m[2] === '#' || m[2] === '♯' ? 1 : m[2] === 'b' || m[2] === '♭' ? -1 : 0;
  const midi = (Number(m[3]) + 1) * 12 + PITCH_CLASS[m[1].toUpperCase()] + acc;
  return midi >= 0 && midi <= 127 ? midi : null;
}

export function itemFromSummary(s: SampleSummary, group: string | undefined): ExportItem {
  const ext = extname(s.path).slice(1);
  return {
    sampleId: s.id, sourcePath: s.path, name: basename(s.path, extname(s.path)), ext, group,
    category: s.category?.name, tags: s.tags.map((t) => t.name), bpm: s.bpm, key: s.key, note: s.note,
    rootMidi: noteToMidi(s.note), kind: s.kind, fingerprint: s.fingerprint, sizeBytes: s.sizeBytes,
  };
}

/**
 * Items for a selection, in a stable order. Each source contributes its own bucket name (the group, the
 * category's display name, 'Search – text', 'Selection'), so the group layout gives one folder per pick.
 */
export function selectExportItems(db: LibraryDb, sel: ExportSelection): ExportItem[] {
  const items: ExportItem[] = [];
  for (const name of sel.groups) {
    const g = db.groups.byName(name);
    if (!g) throw new Error(`no group named '${name}' (groups: ${db.groups.list().map((x) => x.name).join(', ') || 'none'})`);
    const byId = new Map(db.samples.list({ groupId: g.id }).map((s) => [s.id, s]));
    // Keep the group's own member order.
    for (const id of db.groups.members(g.id)) { const s = byId.get(id); if (s) items.push(itemFromSummary(s, g.name)); }
  }
  for (const cat of sel.categories) {
    for (const s of db.samples.list({ category: cat, orderBy: 'name' })) items.push(itemFromSummary(s, categoryLabel(cat)));
  }
  if (sel.query) for (const s of db.samples.list({ text: sel.query, orderBy: 'name' })) items.push(itemFromSummary(s, `Search - ${sel.query}`));
  if (sel.ids.length) {
    const byId = new Map(db.samples.list({ ids: sel.ids }).map((s) => [s.id, s]));
    const unknown = sel.ids.filter((id) => !byId.has(id));
    if (unknown.length) throw new Error(`no sample with id ${unknown.join(', ')} in the library (or the file is missing)`);
    for (const id of sel.ids) items.push(itemFromSummary(byId.get(id) as SampleSummary, 'Selection'));
  }
  return items;
}
