// Evaluation manifests: CSV files with a header naming at least `path` and `label`, plus an optional grouping
// column (pack / instrument / source) used for leave-one-group-out and source splits.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseCsv } from '../services/labels-csv.js';
import { isCategoryId } from '../../shared/taxonomy/categories.js';

export interface ManifestRow {
  path: string;
  label: string;
  /** Near-duplicate family (instrument, pack): never split across train and test within one fold. */
  group: string;
  /** Where the sound comes from (soundfont, sample pack): the unit of the train/test split. */
  source: string;
}

export interface ManifestLoad {
  rows: ManifestRow[];
  /** Rows left out, with why (label outside the taxonomy, duplicate path). */
  skipped: Array<{ file: string; line: number; reason: string }>;
}

export interface ManifestOptions {
  /** Column naming the group; default: 'group', else 'instrument_name', else the file's folder. */
  groupColumn?: string;
  /** Column naming the source; default: 'source_package', else the manifest's file name. */
  sourceColumn?: string;
}

export async function loadManifests(files: readonly string[], opts: ManifestOptions = {}): Promise<ManifestLoad> {
  const rows: ManifestRow[] = [];
  const skipped: ManifestLoad['skipped'] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const parsed = parseCsv(await readFile(file, 'utf8'));
    if (!parsed.length) continue;
    const header = parsed[0].fields.map((f) => f.trim().toLowerCase());
    const hasHeader = header.includes('path') && header.includes('label');
    const col = (name: string | undefined) => (name ? header.indexOf(name.toLowerCase()) : -1);
    const pathCol = hasHeader ? col('path') : 0;
    const labelCol = hasHeader ? col('label') : 1;
    const groupCol = hasHeader ? [opts.groupColumn, 'group', 'instrument_name'].map(col).find((c) => c >= 0) ?? -1 : 2;
    const sourceCol = hasHeader ? [opts.sourceColumn, 'source_package', 'source'].map(col).find((c) => c >= 0) ?? -1 : -1;
    const fileSource = file.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '');
    for (const { line, fields } of parsed.slice(hasHeader ? 1 : 0)) {
      const rawPath = (fields[pathCol] ?? '').trim();
      const label = (fields[labelCol] ?? '').trim().toLowerCase();
      if (!rawPath) continue;
      const path = isAbsolute(rawPath) ? rawPath : resolve(dirname(file), rawPath);
      if (!isCategoryId(label) || label === 'unknown') {
        skipped.push({ file, line, reason: `label '${label}' is not a category` });
        continue;
      }
      if (seen.has(path)) {
        skipped.push({ file, line, reason: 'duplicate path' });
        continue;
      }
      seen.add(path);
      const group = (groupCol >= 0 ? fields[groupCol]?.trim() : '') || dirname(path);
      const source = (sourceCol >= 0 ? fields[sourceCol]?.trim() : '') || fileSource;
      rows.push({ path, label, group: `${source}/${group}`, source });
    }
  }
  return { rows, skipped };
}
