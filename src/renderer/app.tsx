// The application shell: search + progress on top, filters and groups on the left, the list (or map, duplicates,
// report) in the middle, the inspector and similar sounds on the right. Keyboard-first throughout.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { SampleQuery, SortKey } from '../shared/contract/calls.js';
import type { CategoryOption, GroupView, LibraryStatusView, ListResult, ProgressView } from '../shared/contract/views.js';
import { getApi } from './transport.js';
import { RowCache } from './state/row-cache.js';
import { AuditionPlayer } from './audio/player.js';
import { SampleTable, setCategoryNames } from './components/sample-table.js';
import { DetailPanel } from './components/detail-panel.js';
import { SimilarPanel } from './components/similar-panel.js';
import { MapView } from './components/map-view.js';
import { Sidebar } from './components/sidebar.js';
import { DuplicatesView, ReportView } from './components/insight-views.js';
import { ExportDialog } from './components/export-dialog.js';
import { fmtEta } from './format.js';

type View = 'library' | 'map' | 'duplicates' | 'report';

declare global {
  interface Window {
    __sonotecaPlayer?: AuditionPlayer;
  }
}

export function App() {
  const api = getApi();
  const cache = useMemo(() => new RowCache(), []);
  const player = useMemo(() => new AuditionPlayer((id) => api.audioUrl(id)), [api]);
  window.__sonotecaPlayer = player;

  const [status, setStatus] = useState<LibraryStatusView | null>(null);
  const [progress, setProgress] = useState<ProgressView | null>(null);
  const [categories, setCategories] = useState<CategoryOption[]>([]);
  const [groups, setGroups] = useState<GroupView[]>([]);
  const [view, setView] = useState<View>('library');
  const [text, setText] = useState('');
  const [query, setQuery] = useState<SampleQuery>({});
  const [sortBy, setSortBy] = useState<SortKey>('name');
  const [desc, setDesc] = useState(false);
  const [ids, setIds] = useState<number[]>([]);
  const [facets, setFacets] = useState<ListResult['facets'] | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [focus, setFocus] = useState(-1);
  const [anchor, setAnchor] = useState(-1);
  const [autoPlay, setAutoPlay] = useState(true);
  const [volume, setVolume] = useState(0.8);
  const [playing, setPlaying] = useState<number | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [detailVersion, setDetailVersion] = useState(0);
  const [listVersion, setListVersion] = useState(0);
  const [folderPrompt, setFolderPrompt] = useState(false);
  const [folderPath, setFolderPath] = useState('');
  const [exporting, setExporting] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const focusId = focus >= 0 && focus < ids.length ? ids[focus] : null;
  const focusRef = useRef<number | null>(null);
  focusRef.current = focusId;
  const relistTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const onError = useCallback((m: string) => setErrors((e) => [...e.slice(-3), m]), []);
  const refreshStatus = useCallback(() => api.call('library.status', {}).then(setStatus, (e: Error) => onError(e.message)), [api, onError]);
  const refreshGroups = useCallback(() => api.call('groups.list', {}).then((g) => setGroups(g.groups), (e: Error) => onError(e.message)), [api, onError]);

  useEffect(() => {
    void refreshStatus();
    void refreshGroups();
    api.call('meta.categories', {}).then((c) => {
      setCategoryNames(new Map(c.categories.map((x) => [x.id, x.name])));
      setCategories(c.categories);
    }, (e: Error) => onError(e.message));
    const offs = [
      api.on('progress', (pr) => {
        setProgress(pr);
        if (pr.phase === 'idle') void refreshStatus();
      }),
      api.on('samples-changed', ({ ids: changed }) => {
        void cache.refresh(changed);
        if (focusRef.current != null && changed.includes(focusRef.current)) setDetailVersion((v) => v + 1);
        // Newly analysed rows may now match filters (category, BPM): re-run the list, at most about once a second.
        relistTimer.current ??= setTimeout(() => {
          relistTimer.current = null;
          setListVersion((v) => v + 1);
        }, 1000);
      }),
      api.on('library-changed', ({ what }) => {
        if (what === 'groups') void refreshGroups();
        else {
          void refreshStatus();
          setListVersion((v) => v + 1);
        }
      }),
      api.on('error', ({ message }) => onError(message)),
      player.on((s) => setPlaying(s.playing ? s.id : null)),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  // Debounced search text → query.
  useEffect(() => {
    const t = setTimeout(() => setQuery((q) => ({ ...q, text: text.trim() || undefined })), 150);
    return () => clearTimeout(t);
  }, [text]);

  // The ordered id list is the source of truth for the table; rows are fetched per visible window.
  useEffect(() => {
    let live = true;
    Promise.all([api.call('samples.ids', { query, sortBy, desc }), api.call('samples.list', { query, sortBy, desc, offset: 0, limit: 0 })]).then(([r, l]) => {
      if (!live) return;
      // Read the focus now, not when the request left: a click while the list was in flight must stick.
      const prevFocusId = focusRef.current;
      setIds(r.ids);
      setFacets(l.facets);
      const keep = prevFocusId != null ? r.ids.indexOf(prevFocusId) : -1;
      setFocus((was) => (keep >= 0 ? keep : r.ids.length ? Math.min(Math.max(was, 0), r.ids.length - 1) : -1));
    }, (e: Error) => onError(e.message));
    return () => {
      live = false;
    };
  }, [query, sortBy, desc, listVersion]);

  useEffect(() => player.setVolume(volume), [volume]);

  const audition = (index: number) => {
    const id = ids[index];
    if (id === undefined) return;
    const row = cache.get(id);
    void player.play(id, { loop: row?.kind === 'loop' }).catch((e: Error) => onError(`${row?.name ?? id}: ${e.message}`));
    // Decode ahead so the next ↑/↓ (or a held key's repeats) finds its sound ready and starts synchronously.
    player.preload([1, -1, 2, 3, -2].map((d) => ids[index + d]).filter((x): x is number => x !== undefined));
  };

  const moveTo = (index: number, extend: boolean) => {
    const i = Math.max(0, Math.min(ids.length - 1, index));
    setFocus(i);
    if (extend) {
      const a = anchor >= 0 ? anchor : focus;
      const [lo, hi] = a < i ? [a, i] : [i, a];
      setSelected(new Set(ids.slice(lo, hi + 1)));
    } else {
      setAnchor(i);
      setSelected(new Set([ids[i]]));
    }
    if (autoPlay) audition(i);
  };

  const onRowMouse = (index: number, e: MouseEvent) => {
    if (e.button !== 0) return;
    const id = ids[index];
    if (e.shiftKey) {
      const a = anchor >= 0 ? anchor : index;
      const [lo, hi] = a < index ? [a, index] : [index, a];
      setSelected(new Set(ids.slice(lo, hi + 1)));
      setFocus(index);
      return;
    }
    if (e.ctrlKey || e.metaKey) {
      const s = new Set(selected);
      if (s.has(id)) s.delete(id);
      else s.add(id);
      setSelected(s);
      setFocus(index);
      setAnchor(index);
      return;
    }
    moveTo(index, false);
  };

  const targets = () => (selected.size ? [...selected] : focusId != null ? [focusId] : []);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const k = e.key;
    if (k === 'ArrowDown' || k === 'ArrowUp') {
      e.preventDefault();
      moveTo(focus + (k === 'ArrowDown' ? 1 : -1), e.shiftKey);
    } else if (k === 'PageDown' || k === 'PageUp') {
      e.preventDefault();
      moveTo(focus + (k === 'PageDown' ? 20 : -20), e.shiftKey);
    } else if (k === 'Home' || k === 'End') {
      e.preventDefault();
      moveTo(k === 'Home' ? 0 : ids.length - 1, e.shiftKey);
    } else if (k === ' ') {
      e.preventDefault();
      if (player.state.playing) player.stop();
      else if (focus >= 0) audition(focus);
    } else if (k === 'Escape') {
      player.stop();
    } else if (k === 'Enter' && focus >= 0) {
      audition(focus);
    } else if ((e.ctrlKey || e.metaKey) && k.toLowerCase() === 'a') {
      e.preventDefault();
      setSelected(new Set(ids));
    } else if (k.toLowerCase() === 'f' && !e.ctrlKey && !e.metaKey) {
      const t = targets();
      const fav = !(focusId != null && cache.get(focusId)?.favourite);
      if (t.length) api.call('samples.setFavourite', { ids: t, favourite: fav }).catch((er: Error) => onError(er.message));
    } else if (/^[0-5]$/.test(k)) {
      const t = targets();
      if (t.length) api.call('samples.setRating', { ids: t, rating: Number(k) }).catch((er: Error) => onError(er.message));
    } else if (k.toLowerCase() === 'a' && !e.ctrlKey && !e.metaKey) {
      const t = targets();
      if (t.length) api.call('labels.accept', { ids: t }).catch((er: Error) => onError(er.message));
    } else if (k.toLowerCase() === 'l') {
      e.preventDefault();
      document.querySelector<HTMLSelectElement>('[data-testid="category-select"]')?.focus();
    } else if (k === '/') {
      e.preventDefault();
      searchRef.current?.focus();
    }
  };

  const addFolder = async () => {
    if (api.pickFolder) {
      const path = await api.pickFolder();
      if (path) await submitFolder(path);
    } else setFolderPrompt(true);
  };
  const submitFolder = async (path: string) => {
    try {
      setStatus(await api.call('library.addFolder', { path }));
      setFolderPrompt(false);
      setFolderPath('');
      setListVersion((v) => v + 1);
    } catch (e) {
      onError((e as Error).message);
    }
  };

  const busy = progress && progress.phase !== 'idle' && progress.total > 0 && progress.done < progress.total;
  const empty = status && status.roots.length === 0;

  return (
    <div className="app" onDragOver={(e) => e.preventDefault()} onDrop={(e) => {
      e.preventDefault();
      const f = e.dataTransfer.files[0] as (File & { path?: string }) | undefined;
      if (f?.path) void submitFolder(f.path);
    }}>
      <header className="topbar">
        <div className="brand">Sonoteca</div>
        <input ref={searchRef} className="search" data-testid="search" placeholder="Search names, folders, tags…  ( / )" value={text} onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setText('');
              (e.target as HTMLInputElement).blur();
            }
            if (e.key === 'ArrowDown' || e.key === 'Enter') document.querySelector<HTMLElement>('[data-testid="table-body"]')?.focus();
          }} />
        <nav className="tabs">
          {(['library', 'map', 'duplicates', 'report'] as View[]).map((v) => (
            <button key={v} className={view === v ? 'on' : ''} onClick={() => setView(v)} data-testid={`tab-${v}`}>{v[0].toUpperCase() + v.slice(1)}</button>
          ))}
        </nav>
        <div className="transport">
          <button onClick={() => (player.state.playing ? player.stop() : focus >= 0 && audition(focus))} data-testid="play-toggle" title="Play / stop (Space)">{playing != null ? '■' : '▶'}</button>
          <label className="check" title="Play on select"><input type="checkbox" checked={autoPlay} onChange={(e) => setAutoPlay(e.target.checked)} data-testid="autoplay" />auto</label>
          {status?.features.export && <button onClick={() => setExporting(true)} title="Export the selection or groups to a folder" data-testid="export-open">Export…</button>}
          <input type="range" min={0} max={1} step={0.01} value={volume} onChange={(e) => setVolume(Number(e.target.value))} title="Volume" className="volume" />
        </div>
      </header>
      {busy && (
        <div className="progress" data-testid="progress" role="progressbar" aria-valuenow={progress.done} aria-valuemax={progress.total}>
          <div className="bar" style={{ width: `${(100 * progress.done) / Math.max(1, progress.total)}%` }} />
          <span>{progress.phase === 'index' ? 'Indexing' : progress.phase === 'export' ? 'Exporting' : 'Analysing'} {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
            {progress.ratePerSec > 0 ? ` · ${progress.ratePerSec.toFixed(0)} files/s` : ''} {fmtEta(progress.etaSec) && `· ${fmtEta(progress.etaSec)}`}</span>
        </div>
      )}
      <div className="body">
        <Sidebar status={status} facets={facets} query={query} setQuery={setQuery} groups={groups} categories={categories} selectedIds={targets()} onAddFolder={() => void addFolder()} onError={onError} />
        <main className="main">
          {empty ? (
            <div className="empty-state" data-testid="empty-state">
              <div className="drop-target">
                <h1>Drop a sample folder here</h1>
                <p>Sonoteca indexes it in place (your files are never moved or changed), then labels every sound.</p>
                <button className="primary" onClick={() => void addFolder()} data-testid="empty-add-folder">Add folder…</button>
              </div>
            </div>
          ) : view === 'library' ? (
            <>
              <div className="list-info muted" data-testid="list-info">{ids.length.toLocaleString()} sounds{selected.size > 1 ? ` · ${selected.size} selected` : ''}</div>
              <SampleTable ids={ids} cache={cache} selected={selected} focus={focus} sortBy={sortBy} desc={desc}
                onSort={(k) => (k === sortBy ? setDesc(!desc) : (setSortBy(k), setDesc(false)))} onRowMouse={onRowMouse} onKey={onKey}
                onDragOut={api.startDrag ? (i) => api.startDrag!(selected.has(ids[i]) ? [...selected] : [ids[i]]) : undefined} />
            </>
          ) : view === 'map' ? (
            <MapView focusId={focusId} categories={categories} player={player} version={listVersion} onError={onError}
              onSelectIds={(sel) => {
                setSelected(new Set(sel));
                const i = sel.length ? ids.indexOf(sel[0]) : -1;
                if (i >= 0) setFocus(i);
              }} />
          ) : view === 'duplicates' ? <DuplicatesView player={player} version={listVersion} onError={onError} /> : <ReportView version={listVersion} onError={onError} />}
        </main>
        <div className="right">
          <DetailPanel ids={selected.size > 1 ? [...selected] : []} focusId={focusId} categories={categories} groups={groups} player={player} version={detailVersion} onError={onError}
            onSelectId={(id) => {
              const i = ids.indexOf(id);
              if (i >= 0) moveTo(i, false);
              else void player.play(id);
            }} />
          <SimilarPanel focusId={focusId} version={detailVersion} player={player} onError={onError} onSelectId={(id) => {
            const i = ids.indexOf(id);
            if (i >= 0) moveTo(i, false);
          }} />
        </div>
      </div>
      {folderPrompt && (
        <div className="modal-back" onClick={() => setFolderPrompt(false)}>
          <form className="modal" onClick={(e) => e.stopPropagation()} onSubmit={(e) => { e.preventDefault(); void submitFolder(folderPath); }}>
            <h2>Add a sample folder</h2>
            <p className="muted">Type or paste the folder's full path. It is indexed in place; nothing is moved or modified.</p>
            <input autoFocus value={folderPath} onChange={(e) => setFolderPath(e.target.value)} placeholder="/home/you/Samples" data-testid="folder-path" />
            <div className="modal-actions"><button type="button" onClick={() => setFolderPrompt(false)}>Cancel</button><button className="primary" type="submit" data-testid="folder-submit">Add</button></div>
          </form>
        </div>
      )}
      {exporting && <ExportDialog sampleIds={selected.size > 1 ? [...selected] : []} groups={groups} onClose={() => setExporting(false)} onError={onError} />}
      {errors.length > 0 && (
        <div className="toasts" role="alert" data-testid="errors">
          {errors.map((m, i) => <div key={i} className="toast">{m}<button onClick={() => setErrors(errors.filter((_, j) => j !== i))}>×</button></div>)}
        </div>
      )}
    </div>
  );
}
