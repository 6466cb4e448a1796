// Display formatting shared by the views.

export function fmtDuration(sec: number | null | undefined): string {
  if (sec == null) return '';
  if (sec < 10) return `${sec.toFixed(2)} s`;
  const m = Math.floor(sec / 60);
  const s = sec - m * 60;
  return m ? `${m}:${s.toFixed(0).padStart(2, '0')}` : `${s.toFixed(1)} s`;
}

export const fmtBpm = (bpm: number | null | undefined) => (bpm == null ? '' : bpm % 1 ? bpm.toFixed(1) : String(bpm));
export const fmtDb = (db: number | null | undefined) => (db == null || !Number.isFinite(db) ? '' : db.toFixed(1));
export const pct = (x: number) => `${Math.round(x * 100)}%`;

export function fmtEta(sec: number | null): string {
  if (sec == null) return '';
  if (sec < 60) return `${Math.ceil(sec)} s left`;
  const m = Math.floor(sec / 60);
  return m < 60 ? `${m} min ${Math.round(sec % 60)} s left` : `${Math.floor(m / 60)} h ${m % 60} min left`;
}

/** A stable colour per category/cluster/folder index, readable on the dark theme. */
export function paletteColour(i: number): string {
  const PALETTE = ['#ff6b6b', '#ffa94d', '#ffd43b', '#a9e34b', '#69db7c', '#38d9a9', '#3bc9db', '#4dabf7', '#748ffc', '#9775fa', '#da77f2', '#f783ac',
    '#e8590c', '#2f9e44', '#1971c2', '#c2255c', '#5c940d', '#0c8599', '#6741d9', '#e67700', '#868e96'];
  if (i < 0) return '#5c636a';
  return PALETTE[i % PALETTE.length];
}

export function sourceLabel(source: string): string {
  return ({ user: 'you', filename: 'file name', metadata: 'file metadata', model: 'sound model', descriptor: 'descriptors' } as Record<string, string>)[source] ?? source;
}
