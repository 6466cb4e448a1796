// The library list: only the rows in view are in the DOM, so 100k samples scroll as smoothly as 100.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { SortKey } from '../../shared/contract/calls.js';
import type { SampleRow } from '../../shared/contract/views.js';
import type { RowCache } from '../state/row-cache.js';
import { fmtBpm, fmtDb, fmtDuration, pct } from '../format.js';

export const ROW_HEIGHT = 26;

// Display names for category ids; filled once from the core's taxonomy.
let categoryNames = new Map<string, string>();
export function setCategoryNames(names: Map<string, string>): void {
  categoryNames = names;
}
export const catName = (id: string) => categoryNames.get(id) ?? id;

interface Column {
  key: SortKey;
  title: string;
  width: string;
  render: (r: SampleRow) => React.ReactNode;
}

const COLUMNS: Column[] = [
  { key: 'rating', title: '★', width: '34px', render: (r) => (r.favourite ? <span className="fav">♥</span> : r.rating ? <span className="stars">{r.rating}</span> : null) },
  { key: 'name', title: 'Name', width: 'minmax(160px, 2fr)', render: (r) => <span className={r.status === 'failed' ? 'failed' : ''} title={r.error?.message}>{r.name}</span> },
  {
    key: 'category', title: 'Category', width: '150px',
    render: (r) => r.category ? (
      <span className={`cat src-${r.category.source}`} title={`${r.category.name} · ${r.category.source} · ${pct(r.category.confidence)}`}>
        {catName(r.category.name)}{r.category.source !== 'user' && <small> {pct(r.category.confidence)}</small>}
      </span>
    ) : r.status === 'pending' ? <span className="muted">analysing…</span> : null,
  },
  { key: 'tags', title: 'Tags', width: 'minmax(70px, 1fr)', render: (r) => <span className="tags-cell">{r.tags.map((t) => <span key={t.name} className={`chip src-${t.source}`}>{t.name}</span>)}</span> },
  { key: 'kind', title: 'Kind', width: '74px', render: (r) => (r.kind === 'loop' ? '⟲ loop' : r.kind === 'oneshot' ? 'one-shot' : '') },
  { key: 'bpm', title: 'BPM', width: '48px', render: (r) => fmtBpm(r.bpm) },
  { key: 'key', title: 'Key', width: '66px', render: (r) => r.key ?? r.note ?? '' },
  { key: 'duration', title: 'Length', width: '60px', render: (r) => fmtDuration(r.durationSec) },
  { key: 'loudness', title: 'LUFS', width: '50px', render: (r) => fmtDb(r.loudnessLufs) },
  {
    key: 'format', title: 'Format', width: '70px',
    render: (r) => (r.format ? <span title={[r.sampleRate ? `${r.sampleRate} Hz` : '', r.bitDepth ? `${r.bitDepth}-bit` : '', r.channels === 1 ? 'mono' : r.channels === 2 ? 'stereo' : ''].filter(Boolean).join(' · ')}>{r.format.toUpperCase()}{r.bitDepth ? ` ${r.bitDepth}` : ''}</span> : ''),
  },
  { key: 'path', title: 'Path', width: 'minmax(90px, 1.4fr)', render: (r) => <span className="path" title={r.path}>{r.path.slice(r.root.length + 1)}</span> },
];
const GRID = COLUMNS.map((c) => c.width).join(' ');

export interface TableProps {
  ids: number[];
  cache: RowCache;
  selected: Set<number>;
  focus: number;
  sortBy: SortKey;
  desc: boolean;
  onSort(key: SortKey): void;
  onRowMouse(index: number, e: MouseEvent): void;
  onKey(e: KeyboardEvent<HTMLDivElement>): void;
  onDragOut?(index: number): void;
}

export function SampleTable(p: TableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [, force] = useState(0);

  useEffect(() => p.cache.onChange(() => force((x) => x + 1)), [p.cache]);
  useLayoutEffect(() => {
    const el = scroller.current!;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 10);
  const last = Math.min(p.ids.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + 10);
  const visible = p.ids.slice(first, last);
  useEffect(() => {
    void p.cache.ensure(visible).catch(() => {});
  });

  // Keep the focused row in view when the keyboard moves it.
  useEffect(() => {
    const el = scroller.current;
    if (!el || p.focus < 0) return;
    const top = p.focus * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight - ROW_HEIGHT) el.scrollTop = top - el.clientHeight + 2 * ROW_HEIGHT;
  }, [p.focus]);

  return (
    <div className="table" role="grid" aria-rowcount={p.ids.length} data-testid="sample-table">
      <div className="thead" style={{ gridTemplateColumns: GRID }} role="row">
        {COLUMNS.map((c) => (
          <div key={c.key} role="columnheader" className={`th ${p.sortBy === c.key ? 'sorted' : ''}`} onClick={() => p.onSort(c.key)} title={`Sort by ${c.title}`}>
            {c.title}{p.sortBy === c.key ? (p.desc ? ' ▾' : ' ▴') : ''}
          </div>
        ))}
      </div>
      <div className="tbody" ref={scroller} tabIndex={0} onKeyDown={p.onKey} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid="table-body">
        <div style={{ height: p.ids.length * ROW_HEIGHT, position: 'relative' }}>
          {visible.map((id, i) => {
            const index = first + i;
            const r = p.cache.get(id);
            return (
              <div
                key={id}
                role="row"
                data-id={id}
                data-index={index}
                className={`tr ${p.selected.has(id) ? 'selected' : ''} ${index === p.focus ? 'focused' : ''} ${index % 2 ? 'odd' : ''}`}
                style={{ top: index * ROW_HEIGHT, gridTemplateColumns: GRID }}
                onMouseDown={(e) => p.onRowMouse(index, e)}
                draggable={!!p.onDragOut}
                onDragStart={(e) => {
                  if (!p.onDragOut) return;
                  e.preventDefault();
                  p.onDragOut(index);
                }}
              >
                {r ? COLUMNS.map((c) => <div key={c.key} className={`td td-${c.key}`} role="gridcell">{c.render(r)}</div>) : <div className="td muted">…</div>}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
