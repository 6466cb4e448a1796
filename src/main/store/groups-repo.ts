// User-made groups ("kit for track X"): ordered, named, holding samples by id. Removing a group or a member never
// touches the samples themselves.
import type { Database } from 'better-sqlite3';
import { tx } from './tx.js';

export interface Group {
  id: number;
  name: string;
  position: number;
  createdAt: number;
}

interface GroupRow { id: number; name: string; position: number; created_at: number }

function toGroup(r: GroupRow): Group {
  return { id: r.id, name: r.name, position: r.position, createdAt: r.created_at };
}

function cleanName(name: string): string {
  const clean = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!clean) throw new Error('a group name cannot be empty');
  if (clean.length > 200) throw new Error('a group name is at most 200 characters');
  return clean;
}

export class GroupsRepo {
  constructor(private readonly db: Database) {}

  /** Names are unique ignoring case; creating an existing name is an error that says so. */
  create(name: string, at = Date.now()): Group {
    const clean = cleanName(name);
    return tx(this.db, () => {
      if (this.byName(clean)) throw new Error(`a group named '${clean}' already exists`);
      const position = (this.db.prepare('SELECT coalesce(max(position), -1) + 1 FROM sample_groups').pluck().get() as number);
      const id = Number(this.db.prepare('INSERT INTO sample_groups (name, position, created_at) VALUES (?, ?, ?)').run(clean, position, at).lastInsertRowid);
      return this.get(id)!;
    });
  }

  get(id: number): Group | null {
    const r = this.db.prepare('SELECT * FROM sample_groups WHERE id = ?').get(id) as GroupRow | undefined;
    return r ? toGroup(r) : null;
  }

  byName(name: string): Group | null {
    const r = this.db.prepare('SELECT * FROM sample_groups WHERE name = ?').get(cleanName(name)) as GroupRow | undefined;
    return r ? toGroup(r) : null;
  }

  rename(id: number, name: string): void {
    const clean = cleanName(name);
    tx(this.db, () => {
      const other = this.byName(clean);
      if (other && other.id !== id) throw new Error(`a group named '${clean}' already exists`);
      if (this.db.prepare('UPDATE sample_groups SET name = ? WHERE id = ?').run(clean, id).changes === 0) throw new Error(`no group ${id}`);
    });
  }

  /** Deletes the group and its memberships; the samples stay in the library. */
  remove(id: number): void {
    this.db.prepare('DELETE FROM sample_groups WHERE id = ?').run(id);
  }

  /** Puts groups in the given order; groups not listed keep their relative order after them. */
  reorder(ids: readonly number[]): void {
    tx(this.db, () => {
      const all = this.db.prepare('SELECT id FROM sample_groups ORDER BY position, id').pluck().all() as number[];
      const listed = new Set(ids);
      const order = [...ids.filter((id) => all.includes(id)), ...all.filter((id) => !listed.has(id))];
      const set = this.db.prepare('UPDATE sample_groups SET position = ? WHERE id = ?');
      order.forEach((id, i) => set.run(i, id));
    });
  }

  /** Adds samples at the end in the given order; ones already in the group stay where they are. */
  addMembers(groupId: number, sampleIds: readonly number[], at = Date.now()): void {
    tx(this.db, () => {
      if (!this.get(groupId)) throw new Error(`no group ${groupId}`);
      let next = this.db.prepare('SELECT coalesce(max(position), -1) + 1 FROM group_members WHERE group_id = ?').pluck().get(groupId) as number;
      const add = this.db.prepare('INSERT OR IGNORE INTO group_members (group_id, sample_id, position, added_at) VALUES (?, ?, ?, ?)');
      for (const id of sampleIds) if (add.run(groupId, id, next, at).changes) next++;
    });
  }

  removeMembers(groupId: number, sampleIds: readonly number[]): void {
    tx(this.db, () => {
      const del = this.db.prepare('DELETE FROM group_members WHERE group_id = ? AND sample_id = ?');
      for (const id of sampleIds) del.run(groupId, id);
    });
  }

  list(): Array<Group & { size: number }> {
    const rows = this.db.prepare(`SELECT g.*, (SELECT count(*) FROM group_members m WHERE m.group_id = g.id) AS size
        FROM sample_groups g ORDER BY g.position, g.id`).all() as Array<GroupRow & { size: number }>;
    return rows.map((r) => ({ ...toGroup(r), size: r.size }));
  }

  /** Member sample ids in the order they were added (missing files included: they are still the user's choice). */
  members(groupId: number): number[] {
    return this.db.prepare('SELECT sample_id FROM group_members WHERE group_id = ? ORDER BY position, sample_id').pluck().all(groupId) as number[];
  }

  /** Groups a sample belongs to, for its detail view. */
  forSample(sampleId: number): Array<{ id: number; name: string }> {
    return this.db.prepare(`SELECT g.id, g.name FROM group_members m JOIN sample_groups g ON g.id = m.group_id
        WHERE m.sample_id = ? ORDER BY g.position, g.id`).all(sampleId) as Array<{ id: number; name: string }>;
  }
}
