// What the personal head learns from: every sound the user labelled or tagged, named by its category plus the
// user's own tags ("kick · 808" vs "kick · acoustic"), so distinctions finer than the taxonomy shape similarity.
import { createHash } from 'node:crypto';
import type { LibraryDb } from '../store/index.js';

/** Training starts once this many classes have at least MIN_PER_CLASS examples each. */
export const MIN_CLASSES = 2;
export const MIN_PER_CLASS = 3;

export interface TrainingLabels {
  /** One entry per sample the user labelled or tagged, in sample-id order. */
  items: Array<{ id: number; label: string }>;
  /** Examples per training label, largest first. */
  classCounts: Array<{ label: string; count: number }>;
  /** Classes with at least MIN_PER_CLASS examples. */
  usableClasses: number;
  /** Changes with any label or tag the user adds or removes (and only with those). */
  hash: string;
  /** Null when there is enough to train on, else what is missing, in the user's terms. */
  needs: string | null;
}

export function collectTrainingLabels(db: LibraryDb): TrainingLabels {
  const category = new Map<number, string>();
  for (const l of db.labels.all('user')) category.set(l.sampleId, l.category);
  const tags = new Map<number, Set<string>>();
  const rows = db.db.prepare(`SELECT st.sample_id AS id, t.name AS name FROM sample_tags st JOIN tags t ON t.id = st.tag_id
      JOIN samples s ON s.id = st.sample_id WHERE st.source = 'user' AND s.status <> 'missing'`).all() as Array<{ id: number; name: string }>;
  for (const r of rows) {
    let set = tags.get(r.id);
    if (!set) tags.set(r.id, (set = new Set()));
    set.add(r.name.trim().toLowerCase());
  }
  const ids = [...new Set([...category.keys(), ...tags.keys()])].sort((a, b) => a - b);
  // A tagged sound the user never categorised is named by its shown category, so "808" on model-labelled kicks
  // still means "808 kick"; 'unknown' ("none of these") names no class of its own.
  const shown = db.labels.categories(ids.filter((id) => !category.has(id)));
  const items: TrainingLabels['items'] = [];
  for (const id of ids) {
    const cat = category.get(id) ?? shown.get(id)?.name ?? null;
    const own = [...(tags.get(id) ?? [])].sort();
    const parts = [...(cat && cat !== 'unknown' ? [cat] : []), ...own];
    if (parts.length) items.push({ id, label: parts.join(' · ') });
  }
  const counts = new Map<string, number>();
  for (const it of items) counts.set(it.label, (counts.get(it.label) ?? 0) + 1);
  const classCounts = [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const usableClasses = classCounts.filter((c) => c.count >= MIN_PER_CLASS).length;
  // Only the user's own inputs go into the hash: a shown (model) category changes when the head re-labels the
  // library, and that must not make the head look out of date and retrain itself in a loop.
  const own = ids.map((id) => `${id}\t${category.get(id) ?? ''}\t${[...(tags.get(id) ?? [])].sort().join('\t')}`);
  const hash = createHash('sha256').update(own.join('\n')).digest('hex').slice(0, 16);
  const needs = usableClasses >= MIN_CLASSES ? null
    : `label or tag at least ${MIN_PER_CLASS} sounds in each of ${MIN_CLASSES} groups (${usableClasses} group${usableClasses === 1 ? ' has' : 's have'} enough so far)`;
  return { items, classCounts, usableClasses, hash, needs };
}
