// User labels in and out as CSV (path,label): import resolves paths against the library (absolute, or relative to
// a root) and refuses unknown categories and unknown files line by line; export writes what import reads.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { LibraryDb } from '../store/index.js';
import type { TagSource } from '../../shared/model/sample.js';
import { isCategoryId } from '../../shared/taxonomy/categories.js';
import { validCategories } from './classify.js';

export interface CsvProblem {
  line: number;
  message: string;
}

export interface LabelImportResult {
  applied: number;
  unchanged: number;
  problems: CsvProblem[];
  /** False when problems stopped the import (nothing was written). */
  committed: boolean;
}

/** Splits CSV text into rows of fields (RFC 4180 quotes, CRLF or LF), with each row's starting line number. */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let any = false;
  const endRow = () => {
    fields.push(field);
    if (any || fields.length > 1 || field !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    any = false;
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length || any) endRow();
  return rows;
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function resolveSample(db: LibraryDb, given: string, baseDir: string): number | null {
  if (/^\d+$/.test(given) && db.samples.get(Number(given))) return Number(given);
  if (isAbsolute(given)) return db.samples.byPath(resolve(given))?.id ?? null;
  for (const root of db.roots.list()) {
    const hit = db.samples.byPath(join(root.path, given));
    if (hit) return hit.id;
  }
  return db.samples.byPath(resolve(baseDir, given))?.id ?? null;
}

/**
 * Imports `path,label` lines as user labels. A header row (path,label) is skipped. With problems, nothing is written
 * unless `partial` is set, in which case the good lines are applied and the bad ones reported.
 */
export async function importLabels(db: LibraryDb, csvPath: string, opts: { partial?: boolean } = {}): Promise<LabelImportResult> {
  let text: string;
  try {
    text = await readFile(csvPath, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${csvPath}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const baseDir = resolve(csvPath, '..');
  const rows = parseCsv(text);
  const problems: CsvProblem[] = [];
  const good: Array<{ id: number; category: string }> = [];
  rows.forEach(({ line, fields }, i) => {
    const [rawPath = '', rawLabel = ''] = fields.map((f) => f.trim());
    if (i === 0 && rawPath.toLowerCase() === 'path' && rawLabel.toLowerCase() === 'label') return;
    if (!rawPath) return problems.push({ line, message: 'missing path' });
    if (!rawLabel) return problems.push({ line, message: `missing label for ${rawPath}` });
    const category = rawLabel.toLowerCase().replace(/[\s-]+/g, '_');
    if (!isCategoryId(category) || category === 'unknown') return problems.push({ line, message: `unknown category '${rawLabel}' (expected one of ${validCategories().join(', ')})` });
    const id = resolveSample(db, rawPath, baseDir);
    if (id === null) return problems.push({ line, message: `not in the library: ${rawPath}` });
    good.push({ id, category });
  });
  if (problems.length && !opts.partial) return { applied: 0, unchanged: 0, problems, committed: false };
  let applied = 0;
  let unchanged = 0;
  db.transaction(() => {
    for (const g of good) {
      const current = db.labels.forSample(g.id).find((l) => l.source === 'user');
      if (current?.category === g.category) unchanged++;
      else {
        db.labels.set(g.id, g.category, 'user', 1, { by: 'import', file: csvPath });
        applied++;
      }
    }
  });
  return { applied, unchanged, problems, committed: true };
}

/** CSV of labels: the user's by default, or every sample's effective label with its source and confidence. */
export function exportLabels(db: LibraryDb, opts: { effective?: boolean } = {}): string {
  const lines: string[] = [];
  if (opts.effective) {
    lines.push('path,label,source,confidence');
    const samples = db.samples.list({ limit: 100_000_000, orderBy: 'path' });
    const cats = db.labels.categories(samples.map((s) => s.id));
    for (const s of samples) {
      const c = cats.get(s.id);
      if (c) lines.push([csvField(s.path), c.name, c.source as TagSource, String(Math.round(c.confidence * 1000) / 1000)].join(','));
    }
  } else {
    lines.push('path,label');
    const user = db.labels.all('user');
    const paths = new Map(db.samples.list({ ids: user.map((l) => l.sampleId), limit: user.length + 1 }).map((s) => [s.id, s.path]));
    const rows = user.filter((l) => paths.has(l.sampleId)).map((l) => [paths.get(l.sampleId)!, l.category] as const).sort((a, b) => a[0].localeCompare(b[0]));
    for (const [p, c] of rows) lines.push(`${csvField(p)},${c}`);
  }
  return lines.join('\n') + '\n';
}
