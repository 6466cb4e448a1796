// Carries out an ExportPlan: places files without ever replacing one, writes kits and the manifest, and stops
// cleanly (no partial files, manifest says what was done) on a full disk, a permission error or a cancel.
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExportFs } from './export-fs.js';
import { nodeExportFs } from './export-fs.js';
import type {
  ExportItem, ExportManifest, ExportPlan, ExportProgress, ExportSummary, ManifestEntry, PlannedFile, ConversionOptions,
} from './export-types.js';
import { manifestToCsv, manifestToJson, readManifest } from './manifest.js';
import { copyNoReplace, writeNoReplace, writeReplacingOwn } from './place-file.js';
import { planKits, variantOf } from './plan-export.js';
import { assertResolvesInside } from './sanitize-path.js';

export interface RunExportOptions {
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
  /** Test seam; defaults to node:fs. */
  fs?: ExportFs;
  /** Test seam for conversion; defaults to decode → process → encodeWav. */
  convert?: (item: ExportItem, c: ConversionOptions) => Promise<Uint8Array>;
}

/** Errors that make every later write fail too: stop instead of producing a stream of identical failures. */
const FATAL = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO']);

function explain(e: unknown, what: string): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOSPC': case 'EDQUOT': return `the destination is full (no space left) while writing ${what}`;
    case 'EROFS': return `the destination is read-only; cannot write ${what}`;
    case 'EACCES': case 'EPERM': return `permission denied writing ${what} (${err.path ?? ''})`;
    case 'EEXIST': return `${what} appeared at the destination meanwhile; left untouched`;
    case 'EXDEV': return 'hard links cannot cross drives/file systems (EXDEV)';
    default: return err.message ?? String(e);
  }
}

async function sourceGone(fs: ExportFs, p: string): Promise<boolean> {
  try { await fs.stat(p); return false; } catch (e) { return (e as NodeJS.ErrnoException).code === 'ENOENT'; }
}

function entryFor(f: PlannedFile, variant: string, status: ManifestEntry['status'], destSize: number | null, message?: string): ManifestEntry {
  const it = f.item;
  return {
    sampleId: it.sampleId, source: it.sourcePath, destination: f.relPath, category: it.category ?? null, group: it.group ?? null,
    tags: [...it.tags], bpm: it.bpm ?? null, key: it.key ?? null, note: it.note ?? null, fingerprint: it.fingerprint ?? null,
    sourceSize: it.sizeBytes ?? null, destSize, variant, status, ...(message ? { message } : {}),
  };
}

export async function runExport(plan: ExportPlan, opts: RunExportOptions = {}): Promise<ExportSummary> {
  const fs = opts.fs ?? nodeExportFs;
  const convert = opts.convert ?? (async (item, c) => (await import('./convert-audio.js')).convertItem(item, c));
  const variant = variantOf(plan.options);
  const summary: ExportSummary = { files: 0, bytes: 0, skipped: 0, errors: [], manifestPaths: [], kitPaths: [], aborted: false, notes: [] };
  const entries: ManifestEntry[] = [];
  const total = plan.files.length;
  try {
    await fs.mkdir(plan.destination, { recursive: true });
  } catch (e) {
    throw new Error(`cannot create the export folder '${plan.destination}': ${explain(e, 'the folder')}`);
  }
  let fatal: string | null = null;
  const made = new Set<string>();
  for (let i = 0; i < plan.files.length; i++) {
    const f = plan.files[i];
    opts.onProgress?.({ done: i, total, current: f.relPath });
    if (f.action === 'skip-existing') { summary.skipped++; entries.push(entryFor(f, variant, 'skipped-existing', f.destSize ?? null)); continue; }
    if (fatal || opts.signal?.aborted) {
      entries.push(entryFor(f, variant, 'error', null, fatal ? `not written: export stopped (${fatal})` : 'not written: export cancelled'));
      continue;
    }
    try {
      const dir = dirname(f.destPath);
      if (!made.has(dir)) {
        assertResolvesInside(plan.destination, dir);
        await mkdirExplained(fs, dir);
        assertResolvesInside(plan.destination, dir);
        made.add(dir);
      }
      let note: string | undefined;
      if (plan.options.convert) {
        const data = await convert(f.item, plan.options.convert);
        await writeNoReplace(fs, data, f.destPath);
      } else if (plan.options.mode === 'hardlink') {
        try {
          await fs.link(f.item.sourcePath, f.destPath);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw e;
          await copyNoReplace(fs, f.item.sourcePath, f.destPath);
          note = `copied instead of hard-linked: ${code === 'EXDEV' ? 'source is on another drive (EXDEV)' : `the file system refused a hard link (${code})`}`;
        }
      } else if (plan.options.mode === 'symlink') {
        if (await sourceGone(fs, f.item.sourcePath)) throw Object.assign(new Error('source vanished'), { code: 'ENOENT', path: f.item.sourcePath });
        try {
          await fs.symlink(f.item.sourcePath, f.destPath);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
          await copyNoReplace(fs, f.item.sourcePath, f.destPath);
          note = `copied instead of symlinked: the file system refused a symbolic link (${code})`;
        }
      } else {
        await copyNoReplace(fs, f.item.sourcePath, f.destPath);
      }
      const size = (await fs.stat(f.destPath)).size;
      summary.files++;
      summary.bytes += size;
      if (note && !summary.notes.includes(note)) summary.notes.push(note);
      entries.push(entryFor(f, variant, 'written', size, note));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      let message: string;
      if (code === 'ENOENT' && (await sourceGone(fs, f.item.sourcePath))) message = `source file vanished: ${f.item.sourcePath}`;
      else message = explain(e, `'${f.relPath}'`);
      summary.errors.push({ source: f.item.sourcePath, message });
      entries.push(entryFor(f, variant, 'error', null, message));
      if (code && FATAL.has(code)) fatal = message;
    }
  }
  opts.onProgress?.({ done: total, total, current: '' });
  if (fatal || opts.signal?.aborted) summary.aborted = true;

  // Kits reference only files that are really there.
  const failed = new Set(entries.filter((e) => e.status === 'error').map((e) => e.destination));
  const present = plan.files.filter((f) => !failed.has(f.relPath));
  const previous = readManifestQuiet(plan.manifestJsonPath);
  const kitsTaken = new Set<string>(plan.files.map((f) => f.relPath.normalize('NFC').toLowerCase()));
  const kits = failed.size === 0 ? plan.kits : planKits(plan.destination, present, plan.options, previous, kitsTaken);
  const kitRecords: ExportManifest['kits'] = (previous?.kits ?? []).filter((k) => !kits.some((p) => p.relPath === k.path));
  let kitsWritten = 0;
  for (const k of kits) {
    const sha = createHash('sha256').update(k.content).digest('hex');
    if (k.action === 'skip-existing') { kitRecords.push({ path: k.relPath, format: k.format, sha256: sha }); summary.kitPaths.push(k.destPath); continue; }
    if (summary.aborted) continue;
    try {
      assertResolvesInside(plan.destination, dirname(k.destPath));
      if (k.action === 'replace-own') await writeReplacingOwn(fs, k.content, k.destPath);
      else await writeNoReplace(fs, k.content, k.destPath);
      kitsWritten++;
      kitRecords.push({ path: k.relPath, format: k.format, sha256: sha });
      summary.kitPaths.push(k.destPath);
    } catch (e) {
      summary.errors.push({ source: k.relPath, message: `kit not written: ${explain(e, `'${k.relPath}'`)}` });
    }
  }

  // A repeat export that wrote nothing leaves everything, the manifest included, exactly as it was.
  if (previous && kitsWritten === 0 && entries.every((e) => e.status === 'skipped-existing')) {
    summary.manifestPaths.push(plan.manifestJsonPath, plan.manifestCsvPath);
    return summary;
  }
  const manifest: ExportManifest = { sonotecaExport: 1, createdAt: new Date().toISOString(), entries: [...plan.carried, ...entries], kits: kitRecords };
  for (const [path, text] of [[plan.manifestJsonPath, manifestToJson(manifest)], [plan.manifestCsvPath, manifestToCsv(manifest.entries)]] as const) {
    try {
      await writeReplacingOwn(fs, text, path);
      summary.manifestPaths.push(path);
    } catch (e) {
      summary.errors.push({ source: path, message: `manifest not written: ${explain(e, 'the manifest')}` });
    }
  }
  return summary;
}

/** Recursive mkdir reports ENOENT on a read-only mount; ask the deepest existing folder for the real reason. */
async function mkdirExplained(fs: ExportFs, dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    let probe = dir;
    while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
    accessSync(probe, constants.W_OK); // throws EROFS / EACCES with the real cause
    throw e;
  }
}

function readManifestQuiet(path: string): ExportManifest | null {
  try { return readManifest(path); } catch { return null; }
}
