// Left column: library folders, facet filters with counts, and groups (create, rename, reorder, remove).
import { useState } from 'react';
import type { SampleQuery } from '../../shared/contract/calls.js';
import type { GroupView, ListResult, LibraryStatusView, CategoryOption } from '../../shared/contract/views.js';
import { getApi } from '../transport.js';

interface Props {
  status: LibraryStatusView | null;
  facets: ListResult['facets'] | null;
  query: SampleQuery;
  setQuery(q: SampleQuery): void;
  groups: GroupView[];
  categories: CategoryOption[];
  selectedIds: number[];
  onAddFolder(): void;
  onError(m: string): void;
}

export function Sidebar(p: Props) {
  const api = getApi();
  const [renaming, setRenaming] = useState<number | null>(null);
  const [newName, setNewName] = useState('');
  const catName = (id: string) => p.categories.find((c) => c.id === id)?.name ?? id;
  const toggle = <T,>(list: T[] | undefined, v: T): T[] | undefined => {
    const s = new Set(list ?? []);
    if (s.has(v)) s.delete(v);
    else s.add(v);
    return s.size ? [...s] : undefined;
  };
  const err = (e: Error) => p.onError(e.message);
  const move = (i: number, d: number) => {
    const ids = p.groups.map((g) => g.id);
    const j = i + d;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j], ids[i]];
    api.call('groups.reorder', { ids }).catch(err);
  };

  return (
    <nav className="sidebar">
      <section>
        <h3>Folders <button className="small" onClick={p.onAddFolder} data-testid="add-folder">+ Add</button></h3>
        <ul className="list">
          <li className={p.query.rootId === undefined ? 'active' : ''} onClick={() => p.setQuery({ ...p.query, rootId: undefined })}>All samples <span className="count">{p.status?.counts.indexed ?? 0}</span></li>
          {p.status?.roots.map((r) => (
            <li key={r.id} className={p.query.rootId === r.id ? 'active' : ''} onClick={() => p.setQuery({ ...p.query, rootId: r.id })} title={r.path}>
              {r.path.split(/[\\/]/).pop()} <span className="count">{r.samples}</span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3>Quick</h3>
        <ul className="list">
          <li className={p.query.favourites ? 'active' : ''} onClick={() => p.setQuery({ ...p.query, favourites: p.query.favourites ? undefined : true })}>♥ Favourites</li>
          <li className={p.query.status?.includes('failed') ? 'active' : ''} onClick={() => p.setQuery({ ...p.query, status: p.query.status ? undefined : ['failed'] })}>⚠ Failed files <span className="count">{p.status?.counts.failed ?? 0}</span></li>
        </ul>
      </section>
      {p.facets && (
        <>
          <section data-testid="facet-categories">
            <h3>Category</h3>
            <ul className="list facets">
              {p.facets.categories.map((f) => (
                <li key={f.value} className={p.query.categories?.includes(f.value) ? 'active' : ''} onClick={() => p.setQuery({ ...p.query, categories: toggle(p.query.categories, f.value) })}>
                  {catName(f.value)} <span className="count">{f.count}</span>
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h3>Kind</h3>
            <ul className="list facets">
              {(['oneshot', 'loop'] as const).map((k) => (
                <li key={k} className={p.query.kinds?.includes(k) ? 'active' : ''} onClick={() => p.setQuery({ ...p.query, kinds: toggle(p.query.kinds, k) })} data-testid={`facet-kind-${k}`}>
                  {k === 'loop' ? 'Loops' : 'One-shots'} <span className="count">{p.facets!.kinds.find((f) => f.value === k)?.count ?? 0}</span>
                </li>
              ))}
            </ul>
            <div className="range">
              <label>BPM <input type="number" min={0} max={999} placeholder="min" value={p.query.bpmMin ?? ''} onChange={(e) => p.setQuery({ ...p.query, bpmMin: e.target.value ? Number(e.target.value) : undefined })} /></label>
              <input type="number" min={0} max={999} placeholder="max" value={p.query.bpmMax ?? ''} onChange={(e) => p.setQuery({ ...p.query, bpmMax: e.target.value ? Number(e.target.value) : undefined })} />
            </div>
            <div className="range">
              <label>Length <input type="number" min={0} step={0.1} placeholder="min s" value={p.query.durationMin ?? ''} onChange={(e) => p.setQuery({ ...p.query, durationMin: e.target.value ? Number(e.target.value) : undefined })} /></label>
              <input type="number" min={0} step={0.1} placeholder="max s" value={p.query.durationMax ?? ''} onChange={(e) => p.setQuery({ ...p.query, durationMax: e.target.value ? Number(e.target.value) : undefined })} />
            </div>
          </section>
          {p.facets.keys.length > 0 && (
            <section>
              <h3>Key</h3>
              <div className="key-grid">
                {p.facets.keys.slice(0, 24).map((f) => (
                  <button key={f.value} className={p.query.keys?.includes(f.value) ? 'on' : ''} onClick={() => p.setQuery({ ...p.query, keys: toggle(p.query.keys, f.value) })}>{f.value}</button>
                ))}
              </div>
            </section>
          )}
        </>
      )}
      <section data-testid="groups">
        <h3>Groups <button className="small" onClick={() => api.call('groups.create', { name: `Group ${p.groups.length + 1}`, sampleIds: p.selectedIds }).catch(err)} title="New group from the selection">+ New</button></h3>
        <ul className="list">
          {p.groups.map((g, i) => (
            <li key={g.id} className={p.query.groupId === g.id ? 'active' : ''} onClick={() => p.setQuery({ ...p.query, groupId: p.query.groupId === g.id ? undefined : g.id })} data-testid="group-item">
              {renaming === g.id ? (
                <input autoFocus value={newName} onClick={(e) => e.stopPropagation()} onChange={(e) => setNewName(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && newName.trim()) api.call('groups.rename', { id: g.id, name: newName }).then(() => setRenaming(null), err);
                    if (e.key === 'Escape') setRenaming(null);
                  }} />
              ) : <span onDoubleClick={() => { setRenaming(g.id); setNewName(g.name); }}>{g.name}</span>}
              <span className="count">{g.size}</span>
              <span className="group-tools" onClick={(e) => e.stopPropagation()}>
                <button onClick={() => move(i, -1)} title="Move up">↑</button>
                <button onClick={() => move(i, 1)} title="Move down">↓</button>
                <button onClick={() => { if (confirm(`Remove group "${g.name}"? The samples stay in the library.`)) api.call('groups.remove', { id: g.id }).catch(err); }} title="Remove group">×</button>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </nav>
  );
}
