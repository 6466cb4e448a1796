// The export manifest (JSON for machines and re-exports, CSV for spreadsheets): what went where, and how it went.
import { readFileSync } from 'node:fs';
import type { ExportManifest, ManifestEntry } from './export-types.js';
import { ExportError } from './export-types.js';

/** Reads a previous manifest; null when there is none. A file of that name that is not ours is an error. */
export function readManifest(path: string): ExportManifest | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ExportError(`'${path}' exists but is not a Sonoteca export manifest (invalid JSON); choose another manifest name or folder`, 'foreign-manifest');
  }
  const m = parsed as Partial<ExportManifest>;
  if (m?.sonotecaExport !== 1 || !Array.isArray(m.entries)) {
    throw new ExportError(`'${path}' exists but is not a Sonoteca export manifest; choose another manifest name or folder`, 'foreign-manifest');
  }
  return { sonotecaExport: 1, createdAt: String(m.createdAt ?? ''), entries: m.entries, kits: Array.isArray(m.kits) ? m.kits : [] };
}

export function manifestToJson(m: ExportManifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

const CSV_COLUMNS = ['status', 'source', 'destination', 'category', 'group', 'tags', 'bpm', 'key', 'note', 'fingerprint', 'message'] as const;

function csvCell(v: string): string {
  // Cells starting with = + - @ would run as formulas in spreadsheet apps; quote-prefix them.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function manifestToCsv(entries: readonly ManifestEntry[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      status: e.status, source: e.source, destination: e.destination, category: e.category ?? '', group: e.group ?? '',
      tags: e.tags.join(';'), bpm: e.bpm == null ? '' : String(e.bpm), key: e.key ?? '', note: e.note ?? '',
      fingerprint: e.fingerprint ?? '', message: e.message ?? '',
    };
    rows.push(CSV_COLUMNS.map((c) => csvCell(cells[c])).join(','));
  }
  // BOM so Excel opens UTF-8 names correctly.
  return `\ufeff${rows.join('\r\n')}\r\n`;
}
