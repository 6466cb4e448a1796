// Everything the CLI prints goes through here: JSON for machines, aligned text for people, and a progress bar
// with rate and ETA when stderr is a terminal.
import type { ProgressEvent } from '../core/progress.js';

export interface Output {
  json: boolean;
  /** The command's result: JSON (one document) or already formatted text. */
  result(value: unknown, text: () => string): void;
  info(line: string): void;
  warn(line: string): void;
  progress(event: ProgressEvent): void;
  endProgress(): void;
}

export function createOutput(json: boolean, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): Output {
  const tty = Boolean(stderr.isTTY) && !json;
  let bar = false;
  const clear = () => {
    if (bar) {
      stderr.write('\r\x1b[2K');
      bar = false;
    }
  };
  return {
    json,
    result(value, text) {
      clear();
      const body = json ? JSON.stringify(value, jsonReplacer, 2) : text();
      if (body) stdout.write(body + '\n');
    },
    info(line) {
      if (json) return;
      clear();
      stderr.write(line + '\n');
    },
    warn(line) {
      clear();
      stderr.write((json ? '' : 'warning: ') + line + '\n');
    },
    progress(e) {
      if (!tty) return;
      stderr.write('\r\x1b[2K' + formatProgress(e, stderr.columns ?? 100));
      bar = true;
    },
    endProgress: clear,
  };
}

export function formatProgress(e: ProgressEvent, columns: number): string {
  const label = { index: 'Indexing', analyse: 'Analysing', export: 'Exporting' }[e.phase];
  if (e.phase === 'index') return `${label} ${e.done} files…`;
  const frac = e.total > 0 ? Math.min(1, e.done / e.total) : 0;
  const width = Math.max(10, Math.min(40, columns - 60));
  const filled = Math.round(frac * width);
  const eta = e.etaSec == null ? '--' : formatDuration(e.etaSec);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${e.done}/${e.total} ${e.ratePerSec.toFixed(0)} files/s ETA ${eta}`;
}

export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec)) return '--';
  if (sec < 60) return `${Math.round(sec)}s`;
  if (sec < 3600) return `${Math.floor(sec / 60)}m${String(Math.round(sec % 60)).padStart(2, '0')}s`;
  return `${Math.floor(sec / 3600)}h${String(Math.floor((sec % 3600) / 60)).padStart(2, '0')}m`;
}

/** Typed arrays print as plain arrays; Maps as objects. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (value instanceof Map) return Object.fromEntries(value);
  return value;
}

export function table(rows: string[][]): string {
  if (!rows.length) return '';
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : (cell ?? '').padEnd(widths[c]))).join('  ')).join('\n');
}
