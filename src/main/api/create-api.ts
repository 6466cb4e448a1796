// Binds every contract call to the core. Both hosts (HTTP for browser mode, IPC for Electron) call `handle`, which
// validates the payload against the contract before any handler sees it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { Library } from '../core/library.js';
import { CALLS, isCallName, parseRequest, type CallName, type CallRequest, type CallResponse } from '../../shared/contract/calls.js';
import type { EventName, EventPayload } from '../../shared/contract/events.js';
import type { WireResult } from '../../shared/contract/api.js';
import type { GroupView, LibraryStatusView, ProgressView, SampleRow } from '../../shared/contract/views.js';
import { CATEGORIES } from '../../shared/taxonomy/categories.js';
import { AUDIO_EXTENSIONS } from '../../shared/model/audio.js';
import { SampleIndex } from './sample-index.js';
import { ApiError, toWireError } from './api-error.js';
import { ServiceIntelligence } from './service-intelligence.js';
import type { IntelligencePort } from './intelligence-port.js';
import { confineToRoots, type GuardResult } from './audio-path-guard.js';
import { descriptorsView, labelView, labelViews, peaksView } from './views-from-store.js';
import type { ExportPort } from './export-port.js';
import { createExportPort } from './export-adapter.js';

export type LibraryLike = Pick<Library, 'db' | 'events' | 'addRoots' | 'removeRoot' | 'scan' | 'analyse'> & { dir?: string };

export interface ApiOptions {
  intelligence?: IntelligencePort;
  exporter?: ExportPort;
  /** Start analysis right after adding a folder or rescanning (default true). */
  autoAnalyse?: boolean;
}

type Handlers = { [N in CallName]: (req: CallRequest<N>) => Promise<CallResponse<N>> | CallResponse<N> };
type Listener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface CoreApi {
  handle(name: string, payload: unknown): Promise<WireResult<unknown>>;
  /** Direct typed call, for hosts and tests in the same process. */
  call<N extends CallName>(name: N, req: CallRequest<N>): Promise<CallResponse<N>>;
  onEvent(listener: Listener): () => void;
  rootPaths(): string[];
  /** Resolves the audio file of a sample through the path guard. */
  audioFile(id: number): Promise<GuardResult>;
  close(): void;
}

export function createApi(library: LibraryLike, opts: ApiOptions = {}): CoreApi {
  const db = library.db;
  const index = new SampleIndex(db);
  const exporter = opts.exporter ?? createExportPort(db);
  const listeners = new Set<Listener>();
  const emit: Listener = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };
  // A big library's map goes out before its first clustering; the UI colours by cluster when this says so.
  const intel: IntelligencePort = opts.intelligence ?? new ServiceIntelligence(db, {
    onClustersReady: (clusters) => emit('clusters-ready', { clusters }),
    onError: (message) => emit('error', { message }),
  });
  let progress: ProgressView = { phase: 'idle', done: 0, total: 0, ratePerSec: 0, etaSec: null };

  // Analysis results arrive one sample at a time; batch them so a 400 files/s scan does not flood the UI.
  let pending = new Set<number>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    flushTimer = null;
    const ids = [...pending];
    pending = new Set();
    if (!ids.length) return;
    index.refresh(ids);
    intel.invalidate('vectors');
    emit('samples-changed', { ids });
  };
  const offSample = library.events.on('sample', ({ id }) => {
    pending.add(id);
    flushTimer ??= setTimeout(flush, 250);
  });
  const offProgress = library.events.on('progress', (p) => {
    progress = { ...p };
    emit('progress', progress);
    if (p.phase === 'analyse' && p.done >= p.total) {
      flush();
      progress = { phase: 'idle', done: p.done, total: p.total, ratePerSec: 0, etaSec: null };
      emit('progress', progress);
    }
  });
  const offIndexed = library.events.on('indexed', () => {
    index.reloadAll();
    emit('library-changed', { what: 'samples' });
  });
  // A labelling run rewrites every model label: refresh all rows and the map's colours.
  const offClassified = library.events.on('classified', () => {
    index.reloadAll();
    intel.invalidate('labels');
    emit('library-changed', { what: 'samples' });
    emit('library-changed', { what: 'map' });
  });
  // Personal similarity: a new head changes what similar search finds (categories stay in the shipped space).
  const head = intel.personalHead;
  const offHead = head?.onChange((status) => emit('personal-head', status));
  head?.start().catch((err: unknown) => emit('error', { message: `personal similarity: ${(err as Error).message}` }));
  const requireHead = () => {
    if (!head) throw new ApiError('unavailable', 'personal similarity is not available in this host');
    return head;
  };

  const rootPaths = () => db.roots.list().map((r) => r.path);
  const rows = (ids: number[]): SampleRow[] => index.refresh(ids);
  const changed = (ids: number[]) => {
    const out = rows(ids);
    emit('samples-changed', { ids });
    return { rows: out };
  };
  /** A correction re-labels neighbours too: return the corrected rows, announce every row that changed. */
  const relabelled = (ids: number[], touched: number[]) => {
    const asked = new Set(ids);
    const others = touched.filter((id) => !asked.has(id));
    if (others.length) {
      index.refresh(others);
      emit('samples-changed', { ids: others });
    }
    return changed(ids);
  };
  const nameOf = (id: number) => index.get(id)?.name ?? `#${id}`;
  const requireSample = (id: number) => {
    const row = index.get(id);
    if (!row) throw new ApiError('not-found', `no sample with id ${id}`);
    return row;
  };
  const hitRows = (hits: Array<{ id: number; distance: number }>) =>
    hits.map((h) => ({ row: index.get(h.id)!, distance: h.distance })).filter((h) => h.row);
  const groupView = (id: number): GroupView => {
    const g = db.groups.list().find((x) => x.id === id);
    if (!g) throw new ApiError('not-found', `no group with id ${id}`);
    return { id: g.id, name: g.name, size: g.size };
  };
  const groups = () => ({ groups: db.groups.list().map((g) => ({ id: g.id, name: g.name, size: g.size })) });

  const status = (): LibraryStatusView => {
    const roots = db.roots.list();
    index.setRoots(roots);
    const perRoot = new Map<string, number>();
    for (const r of index.all()) perRoot.set(r.root, (perRoot.get(r.root) ?? 0) + 1);
    return {
      name: library.dir ? basename(library.dir) : 'Library',
      roots: roots.map((r) => ({ id: r.id, path: r.path, addedAt: r.addedAt, lastScanAt: r.lastScanAt, samples: perRoot.get(r.path) ?? 0 })),
      counts: db.samples.counts(),
      progress,
      features: { similar: true, map: true, duplicates: true, report: true, export: true, uploadSearch: true },
    };
  };

  const startAnalysis = () => {
    if (opts.autoAnalyse === false) return;
    library.analyse().catch((err: unknown) => emit('error', { message: `analysis stopped: ${(err as Error).message}` }));
  };

  const handlers: Handlers = {
    'library.status': () => status(),
    'library.addFolder': async ({ path }) => {
      const result = await library.addRoots([path]);
      if (result.refused.length) throw new ApiError('bad-request', result.refused.map((r) => r.reason).join('; '));
      index.reloadAll();
      emit('library-changed', { what: 'roots' });
      startAnalysis();
      return status();
    },
    'library.removeFolder': async ({ rootId }) => {
      if (!db.roots.get(rootId)) throw new ApiError('not-found', `no library folder with id ${rootId}`);
      await library.removeRoot(rootId);
      index.reloadAll();
      emit('library-changed', { what: 'roots' });
      return status();
    },
    'library.rescan': async () => {
      await library.scan();
      index.reloadAll();
      emit('library-changed', { what: 'samples' });
      startAnalysis();
      return status();
    },
    'library.problems': () => ({
      problems: db.problems.list().map((p) => ({ path: p.path, code: p.code, message: p.message })),
      failed: db.samples.list({ status: 'failed', limit: 5000 }).map((s) => ({ id: s.id, path: s.path, code: s.error?.code ?? 'corrupt', message: s.error?.message ?? 'analysis failed' })),
    }),
    'meta.categories': () => ({ categories: CATEGORIES.map((c) => ({ id: c.id, name: c.name, group: c.group })) }),

    'samples.list': ({ query, sortBy, desc, offset, limit }) => {
      index.setRoots(db.roots.list());
      const members = query.groupId !== undefined ? new Set(db.groups.members(query.groupId)) : undefined;
      return index.list(query, sortBy, desc, offset, limit, members);
    },
    'samples.ids': ({ query, sortBy, desc }) => {
      index.setRoots(db.roots.list());
      const members = query.groupId !== undefined ? new Set(db.groups.members(query.groupId)) : undefined;
      return { ids: index.match(query, sortBy ?? 'name', desc ?? false, members) };
    },
    'samples.rows': ({ ids }) => ({ rows: ids.map((id) => index.get(id)).filter((r): r is SampleRow => !!r) }),
    'samples.detail': ({ id }) => {
      const d = db.samples.detail(id);
      if (!d) throw new ApiError('not-found', `no sample with id ${id}`);
      const row = index.refresh([id])[0] ?? { ...d, category: d.category ?? null };
      const memberOf = db.groups.list().filter((g) => db.groups.members(g.id).includes(id)).map((g) => ({ id: g.id, name: g.name }));
      const labels = labelViews(db.labels.forSample(id), nameOf);
      return {
        sample: row,
        metadata: d.metadata,
        label: labelView(db.labels.effective(id), nameOf),
        labels,
        descriptors: descriptorsView(d),
        groups: memberOf,
        peaks: peaksView(d.analysis.peaks ?? db.samples.peaks(id), d.sampleRate, d.durationSec),
      };
    },
    'samples.setRating': ({ ids, rating }) => {
      db.transaction(() => ids.forEach((id) => db.samples.setRating(id, rating)));
      return changed(ids);
    },
    'samples.setFavourite': ({ ids, favourite }) => {
      db.transaction(() => ids.forEach((id) => db.samples.setFavourite(id, favourite)));
      return changed(ids);
    },

    'labels.set': async ({ ids, category }) => {
      if (!CATEGORIES.some((c) => c.id === category) && category !== 'unknown') throw new ApiError('bad-request', `unknown category '${category}'`);
      ids.forEach(requireSample);
      return relabelled(ids, await intel.setUserLabels(ids, category));
    },
    'labels.accept': async ({ ids }) => {
      // Accepting turns the shown label into the user's, grouped by category so each is one correction.
      const byCategory = new Map<string, number[]>();
      for (const id of ids) {
        const l = db.labels.effective(id);
        if (l && l.source !== 'user') byCategory.set(l.category, [...(byCategory.get(l.category) ?? []), id]);
      }
      const touched: number[] = [];
      for (const [category, members] of byCategory) touched.push(...(await intel.setUserLabels(members, category)));
      return relabelled(ids, touched);
    },
    'labels.clearUser': async ({ ids }) => {
      ids.forEach(requireSample);
      return relabelled(ids, await intel.setUserLabels(ids, null));
    },
    'tags.add': ({ ids, names }) => {
      const clean = normaliseTags(names);
      ids.forEach(requireSample);
      db.transaction(() => ids.forEach((id) => clean.forEach((n) => db.tags.set(id, n, 'user', 1))));
      return changed(ids);
    },
    'tags.remove': ({ ids, names }) => {
      const clean = normaliseTags(names);
      db.transaction(() => ids.forEach((id) => clean.forEach((n) => db.tags.remove(id, n))));
      return changed(ids);
    },

    'similar.query': async (req) => {
      const query = { k: req.k, weights: req.weights, filters: req.filters };
      if (req.sampleId !== undefined) {
        const row = requireSample(req.sampleId);
        if (row.status !== 'analysed') throw new ApiError('unavailable', `${row.name} is not analysed yet`);
        const found = await intel.similar({ ...query, target: { sampleId: row.id } });
        return { query: { id: row.id, name: row.name }, space: found.space, hits: hitRows(found.hits) };
      }
      const up = req.upload!;
      const found = await withUpload(up.name, up.base64, (file) => intel.similar({ ...query, target: { file } }));
      return { query: { id: null, name: up.name }, space: found.space, hits: hitRows(found.hits) };
    },
    'map.points': async () => {
      const layout = await intel.mapLayout();
      const categories: string[] = [];
      const catIndex = new Map<string, number>();
      const folders: string[] = [];
      const folderIndex = new Map<string, number>();
      const ids: number[] = [];
      const x: number[] = [];
      const y: number[] = [];
      const category: number[] = [];
      const cluster: number[] = [];
      const folder: number[] = [];
      for (let i = 0; i < layout.ids.length; i++) {
        const row = index.get(layout.ids[i]);
        if (!row) continue;
        ids.push(row.id);
        x.push(layout.x[i]);
        y.push(layout.y[i]);
        cluster.push(layout.cluster[i]);
        const c = row.category?.name;
        if (c === undefined) category.push(-1);
        else {
          if (!catIndex.has(c)) catIndex.set(c, categories.push(c) - 1);
          category.push(catIndex.get(c)!);
        }
        // The first folder under the root, found without splitting the path (this loop runs for every point).
        const rel = row.path.slice(row.root.length + 1);
        const cut = rel.search(/[\\/]/);
        const fkey = cut > 0 ? rel.slice(0, cut) : '(top level)';
        if (!folderIndex.has(fkey)) folderIndex.set(fkey, folders.push(fkey) - 1);
        folder.push(folderIndex.get(fkey)!);
      }
      return { count: ids.length, ids, x, y, category, categories, cluster, clusters: layout.clusters, folder, folders };
    },
    'map.distances': async ({ id }) => {
      requireSample(id);
      const d = await intel.distancesTo(id);
      return { ids: Array.from(d.ids), distance: Array.from(d.distance, (v) => (Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : -1)) };
    },

    'groups.list': () => groups(),
    'groups.create': async ({ name, sampleIds, fromTag, fromCluster, fromCategory }) => {
      if (db.groups.byName(name.trim())) throw new ApiError('bad-request', `a group named '${name.trim()}' already exists`);
      let members = sampleIds ?? [];
      if (fromTag) members = [...index.all()].filter((r) => r.tags.some((t) => t.name === fromTag)).map((r) => r.id);
      if (fromCategory) members = [...index.all()].filter((r) => r.category?.name === fromCategory).map((r) => r.id);
      if (fromCluster !== undefined) {
        const layout = await intel.mapLayout();
        if (layout.clusters === 0 && layout.ids.length > 0) throw new ApiError('unavailable', 'the clusters are still being computed; try again in a moment');
        members = [];
        for (let i = 0; i < layout.ids.length; i++) if (layout.cluster[i] === fromCluster) members.push(layout.ids[i]);
      }
      const g = db.transaction(() => {
        const created = db.groups.create(name.trim());
        if (members.length) db.groups.addMembers(created.id, members);
        return created;
      });
      emit('library-changed', { what: 'groups' });
      return groupView(g.id);
    },
    'groups.rename': ({ id, name }) => {
      groupView(id);
      const clash = db.groups.byName(name.trim());
      if (clash && clash.id !== id) throw new ApiError('bad-request', `a group named '${name.trim()}' already exists`);
      db.groups.rename(id, name.trim());
      emit('library-changed', { what: 'groups' });
      return groupView(id);
    },
    'groups.remove': ({ id }) => {
      groupView(id);
      db.groups.remove(id);
      emit('library-changed', { what: 'groups' });
      return groups();
    },
    'groups.reorder': ({ ids }) => {
      db.groups.reorder(ids);
      emit('library-changed', { what: 'groups' });
      return groups();
    },
    'groups.addMembers': ({ id, sampleIds }) => {
      groupView(id);
      db.groups.addMembers(id, sampleIds);
      emit('library-changed', { what: 'groups' });
      return groupView(id);
    },
    'groups.removeMembers': ({ id, sampleIds }) => {
      groupView(id);
      db.groups.removeMembers(id, sampleIds);
      emit('library-changed', { what: 'groups' });
      return groupView(id);
    },

    'duplicates.list': async () => ({
      sets: (await intel.duplicates()).map((s) => ({ kind: s.kind, similarity: s.similarity, rows: s.ids.map((id) => index.get(id)).filter((r): r is SampleRow => !!r) })).filter((s) => s.rows.length > 1),
    }),
    'report.get': () => intel.report(),
    'personalHead.status': () => requireHead().status(),
    'personalHead.train': () => requireHead().train(),
    'personalHead.reset': () => requireHead().reset(),
    'export.preview': (req) => exporter.preview(req),
    'export.run': (req) => exporter.run(req, (p) => emit('export-progress', p)),
  };

  async function call<N extends CallName>(name: N, req: CallRequest<N>): Promise<CallResponse<N>> {
    const handler = handlers[name] as (r: CallRequest<N>) => Promise<CallResponse<N>> | CallResponse<N>;
    const result = await handler(req);
    if (LABEL_CALLS.has(name)) head?.labelsChanged();
    return result;
  }

  return {
    async handle(name, payload) {
      try {
        if (!isCallName(name)) throw new ApiError('not-found', `unknown call '${String(name).slice(0, 80)}'`);
        const req = parseRequest(name, payload ?? {});
        return { ok: true, value: await call(name, req) };
      } catch (err) {
        const wire = toWireError(err);
        if (wire.code === 'internal') console.error(`call ${name} failed:`, err);
        return { ok: false, error: wire };
      }
    },
    call,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rootPaths,
    async audioFile(id) {
      const row = index.get(id) ?? (index.refresh([id])[0] as SampleRow | undefined);
      if (!row) return { ok: false, status: 404, reason: `no sample with id ${id}` };
      return confineToRoots(row.path, rootPaths());
    },
    close() {
      offSample();
      offProgress();
      offIndexed();
      offClassified();
      offHead?.();
      void head?.close();
      // Background work of the intelligence this API made (a host that passed its own closes it itself).
      if (!opts.intelligence) intel.close?.();
      if (flushTimer) clearTimeout(flushTimer);
      listeners.clear();
    },
  };
}

/** Calls that change what the personal similarity head learns from (the user's labels and tags). */
const LABEL_CALLS: ReadonlySet<CallName> = new Set<CallName>(['labels.set', 'labels.accept', 'labels.clearUser', 'tags.add', 'tags.remove']);

function normaliseTags(names: string[]): string[] {
  const out = new Set<string>();
  for (const n of names) {
    const t = n.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!t) throw new ApiError('bad-request', 'a tag name is blank');
    out.add(t);
  }
  return [...out];
}

/**
 * Writes a dropped external file to a private temp folder (deleted afterwards) for the search to analyse; errors
 * name the file the user dropped, never the temp path.
 */
async function withUpload<T>(name: string, base64: string, search: (file: string) => Promise<T>): Promise<T> {
  const ext = extname(name).slice(1).toLowerCase();
  if (!AUDIO_EXTENSIONS[ext]) throw new ApiError('bad-request', `'${name}' is not a supported audio file (wav, aiff, flac, mp3, ogg)`);
  const bytes = Buffer.from(base64, 'base64');
  if (!bytes.length) throw new ApiError('bad-request', `'${name}' is empty`);
  const dir = await mkdtemp(join(tmpdir(), 'sonoteca-query-'));
  const file = join(dir, `query.${ext}`);
  try {
    await writeFile(file, bytes);
    return await search(file);
  } catch (err) {
    const message = (err as Error).message.split(file).join(name);
    if (err instanceof ApiError && /^cannot analyse|feature vector/.test(message)) throw new ApiError('bad-request', `could not analyse '${name}': ${message.replace(/^cannot analyse [^:]*: /, '')}`);
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export { CALLS };
