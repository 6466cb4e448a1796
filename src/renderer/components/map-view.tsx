// The whole library as a WebGL scatter: colour by category, cluster, folder or distance; hover auditions,
// click selects, lasso (shift-drag) makes a group or applies a label.
import { useEffect, useRef, useState } from 'react';
import createScatterplot, { createRenderer } from 'regl-scatterplot';
import type { CategoryOption, MapPointsView } from '../../shared/contract/views.js';
import { getApi } from '../transport.js';
import type { AuditionPlayer } from '../audio/player.js';
import { paletteColour } from '../format.js';
import { catName } from './sample-table.js';

type ColourBy = 'category' | 'cluster' | 'folder' | 'distance';

/**
 * Point size in pixels at the default zoom (zooming in grows points). Dense maps get smaller points: 100k
 * overlapping 6 px discs are mostly overdraw, which costs fill rate (frames, on a weak or software GPU) and hides
 * the structure; the area drawn stays about what 5k points at 6 px would cover.
 */
export function pointSizeFor(count: number): number {
  return count <= 5000 ? 6 : Math.max(2, Math.round(6 * Math.sqrt(5000 / count) * 2) / 2);
}
type Plot = ReturnType<typeof createScatterplot>;

export function MapView(p: { focusId: number | null; categories: CategoryOption[]; player: AuditionPlayer; version: number; onSelectIds(ids: number[]): void; onError(m: string): void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const plot = useRef<Plot | null>(null);
  const [points, setPoints] = useState<MapPointsView | null>(null);
  const [colourBy, setColourBy] = useState<ColourBy>('category');
  const [hoverPlay, setHoverPlay] = useState(true);
  const [lasso, setLasso] = useState<number[]>([]);
  const [groupName, setGroupName] = useState('');
  const hoverRef = useRef(hoverPlay);
  hoverRef.current = hoverPlay;
  const api = getApi();

  // Bumped when the core says clusters it was still computing are ready (a big library's map comes first).
  const [clustersVersion, setClustersVersion] = useState(0);
  useEffect(() => api.on('clusters-ready', () => setClustersVersion((v) => v + 1)), []);

  useEffect(() => {
    api.call('map.points', {}).then((pts) => {
      setPoints(pts);
      // Nothing labelled yet: folders are the most telling colouring.
      if (!pts.categories.length) setColourBy((c) => (c === 'category' ? 'folder' : c));
    }, (e: Error) => p.onError(e.message));
  }, [p.version, clustersVersion]);
  const clustering = !!points && points.count > 0 && points.clusters === 0;

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    // Our own renderer, sized to the map instead of the whole window (the library's default): every frame renders
    // into a float framebuffer that is then copied out, so pixels the map never shows cost fill rate for nothing —
    // felt most on integrated and software GPUs.
    const renderer = createRenderer({ canvas: document.createElement('canvas') });
    const fit = () => {
      const r = el.getBoundingClientRect();
      renderer.resize(Math.max(1, Math.ceil(r.width)), Math.max(1, Math.ceil(r.height)));
      el.dataset.renderSize = `${renderer.canvas.width}x${renderer.canvas.height}`;
    };
    fit();
    const resized = new ResizeObserver(fit);
    resized.observe(el);
    const sp = createScatterplot({ renderer, canvas: el, pointSize: 6, pointSizeSelected: 2, opacity: 0.85, backgroundColor: [0.07, 0.08, 0.1, 1], lassoColor: [1, 0.83, 0.23, 1], pointColorActive: [1, 1, 1, 1], showReticle: false });
    plot.current = sp;
    return () => {
      resized.disconnect();
      sp.destroy();
      renderer.destroy();
      plot.current = null;
    };
  }, []);

  // Bind events with the current points.
  useEffect(() => {
    const sp = plot.current;
    if (!sp || !points) return;
    const over = (i: number) => {
      if (hoverRef.current) void p.player.play(points.ids[i]);
    };
    const select = ({ points: sel }: { points: number[] }) => {
      const ids = sel.map((i) => points.ids[i]);
      setLasso(ids.length > 1 ? ids : []);
      p.onSelectIds(ids);
    };
    const deselect = () => setLasso([]);
    sp.subscribe('pointOver', over);
    sp.subscribe('select', select);
    sp.subscribe('deselect', deselect);
    return () => {
      sp.unsubscribe('pointOver', over);
      sp.unsubscribe('select', select);
      sp.unsubscribe('deselect', deselect);
    };
  }, [points]);

  // Draw with the chosen colouring; the value channel indexes the colour map.
  useEffect(() => {
    const sp = plot.current;
    if (!sp || !points) return;
    (async () => {
      let values: number[];
      let colours: string[];
      if (colourBy === 'distance') {
        if (p.focusId == null) {
          values = points.ids.map(() => 0);
          colours = ['#4dabf7'];
        } else {
          const d = await api.call('map.distances', { id: p.focusId });
          const byId = new Map(d.ids.map((id, i) => [id, d.distance[i]]));
          const ds = points.ids.map((id) => byId.get(id) ?? -1);
          const max = Math.max(...ds.filter((x) => x >= 0), 1e-6);
          values = ds.map((x) => (x < 0 ? 1 : x / max));
          colours = Array.from({ length: 16 }, (_, i) => `hsl(${200 - i * 12}, 85%, ${65 - i * 2.5}%)`);
          values = values.map((v) => Math.min(15, Math.floor(v * 16)));
        }
      } else {
        const key = colourBy === 'category' ? points.category : colourBy === 'cluster' ? points.cluster : points.folder;
        const n = colourBy === 'category' ? points.categories.length : colourBy === 'cluster' ? points.clusters : points.folders.length;
        colours = [...Array.from({ length: Math.max(1, n) }, (_, i) => paletteColour(i)), '#5c636a'];
        values = key.map((v) => (v < 0 ? colours.length - 1 : v));
      }
      const size = pointSizeFor(points.count);
      sp.set({ colorBy: 'valueA', pointColor: colours, pointSize: size });
      // Keep a margin so extreme points are not cut by the canvas edge.
      await sp.draw({ x: points.x.map((v) => v * 0.92), y: points.y.map((v) => v * 0.92), valueA: values }, { zDataType: 'categorical' } as never);
      // What is on screen, for tests and the map benchmark's "time to first draw".
      if (canvas.current) Object.assign(canvas.current.dataset, { drawnPoints: String(points.count), pointSize: String(size) });
    })().catch((e: Error) => p.onError(`map: ${e.message}`));
  }, [points, colourBy, colourBy === 'distance' ? p.focusId : null]);

  const legend: Array<[string, string]> = !points ? [] : colourBy === 'category' ? points.categories.map((c, i) => [catName(c), paletteColour(i)])
    : colourBy === 'folder' ? points.folders.slice(0, 20).map((f, i) => [f, paletteColour(i)])
    : colourBy === 'cluster' ? Array.from({ length: Math.min(points.clusters, 20) }, (_, i) => [`cluster ${i + 1}`, paletteColour(i)]) : [['near', '#9bd1ff'], ['far', '#1f3b73']];

  const makeGroup = () => {
    const name = groupName.trim() || `Map selection ${new Date().toLocaleTimeString()}`;
    api.call('groups.create', { name, sampleIds: lasso }).then(() => { setGroupName(''); setLasso([]); }, (e: Error) => p.onError(e.message));
  };

  return (
    <div className="map-view" data-testid="map-view">
      <div className="map-toolbar">
        <label>Colour by <select value={colourBy} onChange={(e) => setColourBy(e.target.value as ColourBy)} data-testid="map-colour">
          <option value="category">category</option><option value="cluster">cluster</option><option value="folder">folder</option><option value="distance">distance to selection</option>
        </select></label>
        <label className="check"><input type="checkbox" checked={hoverPlay} onChange={(e) => setHoverPlay(e.target.checked)} />hover plays</label>
        <span className="muted">{points ? `${points.count.toLocaleString()} sounds` : 'Loading map…'} · shift-drag to lasso</span>
        {clustering && colourBy === 'cluster' && <span className="muted" data-testid="map-clustering">Clustering… the colours appear when it is done</span>}
      </div>
      {legend.length > 0 && (
        <div className="legend" data-testid="map-legend">
          {legend.map(([n, c], i) => (
            <div key={n}>
              <i style={{ background: c }} />{n}
              {colourBy === 'cluster' && (
                <button className="small" title="Make a group from this cluster" onClick={() => api.call('groups.create', { name: `Cluster ${i + 1}`, fromCluster: i }).catch((e: Error) => p.onError(e.message))}>+ group</button>
              )}
            </div>
          ))}
        </div>
      )}
      <div className="map-canvas-wrap">
        <canvas ref={canvas} className="map-canvas" data-testid="map-canvas" />
        {lasso.length > 1 && (
          <div className="lasso-actions" data-testid="lasso-actions">
            <strong>{lasso.length} selected</strong>
            <input placeholder="Group name" value={groupName} onChange={(e) => setGroupName(e.target.value)} data-testid="lasso-group-name" />
            <button onClick={makeGroup} data-testid="lasso-make-group">Make group</button>
            <select value="" onChange={(e) => e.target.value && api.call('labels.set', { ids: lasso, category: e.target.value }).catch((er: Error) => p.onError(er.message))}>
              <option value="">Label all as…</option>
              {p.categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </div>
        )}
      </div>
    </div>
  );
}
