// Works out everything an export will do — destinations, skips of already-exported files, kit files — without
// writing anything, so a dry run shows exactly what a real run writes.
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, posix, resolve } from 'node:path';
import { chooseKitKind, mapChromaticKit, mapDrumKit } from './kit-mapping.js';
import type { KitSample } from './kit-mapping.js';
import { readManifest } from './manifest.js';
import type {
  ExportItem, ExportManifest, ExportOptions, ExportPlan, ManifestEntry, PlannedFile, PlannedKit,
} from './export-types.js';
import { ExportError } from './export-types.js';
import { DEFAULT_TEMPLATES, categoryLabel, renderTemplate, validateTemplate } from './name-template.js';
import { isInside, sanitizeComponent, sanitizeRelPath, truncateUtf8 } from './sanitize-path.js';
import { writeDspreset } from './dspreset-writer.js';
import { writeSfz } from './sfz-writer.js';

const SUPPORTED_RATES = [44100, 48000, 88200, 96000];

/** A string naming the output variant: the same sample exported another way is a different file. */
export function variantOf(options: ExportOptions): string {
  const c = options.convert;
  if (!c) return options.mode ?? 'copy';
  const norm = c.normalize === undefined || c.normalize === false ? '' : `/norm${c.normalize === true ? -0.3 : c.normalize}`;
  return `${c.format}@${c.sampleRate ?? 'src'}/${c.channels ?? 'src'}${norm}${c.trim ? '/trim' : ''}${c.fadeOutMs ? `/fade${c.fadeOutMs}` : ''}`;
}

function validate(options: ExportOptions): void {
  if (!options.destination || !isAbsolute(resolve(options.destination))) throw new ExportError('no destination folder given');
  if (options.mode && !['copy', 'hardlink', 'symlink'].includes(options.mode)) throw new ExportError(`unknown mode '${options.mode}' (copy, hardlink or symlink)`);
  if (options.layout && !['group', 'category', 'flat'].includes(options.layout)) throw new ExportError(`unknown layout '${options.layout}' (group, category or flat)`);
  const c = options.convert;
  if (c) {
    if (options.mode && options.mode !== 'copy') throw new ExportError(`converting writes new files, so it cannot be combined with ${options.mode} mode; use copy mode`);
    if (!['wav16', 'wav24', 'wav32f'].includes(c.format)) throw new ExportError(`unknown format '${c.format}' (wav16, wav24 or wav32f)`);
    if (c.sampleRate !== undefined && !SUPPORTED_RATES.includes(c.sampleRate)) throw new ExportError(`unsupported sample rate ${c.sampleRate} (${SUPPORTED_RATES.join(', ')})`);
    if (c.fadeOutMs !== undefined && !(c.fadeOutMs >= 0 && c.fadeOutMs <= 600_000)) throw new ExportError(`fade-out must be 0–600000 ms, got ${c.fadeOutMs}`);
    if (typeof c.normalize === 'number' && !(c.normalize <= 0 && c.normalize >= -60)) throw new ExportError(`normalise target must be between -60 and 0 dBFS, got ${c.normalize}`);
  }
  if (options.template) {
    try { validateTemplate(options.template); } catch (e) { throw new ExportError((e as Error).message, 'bad-template'); }
  }
}

function foldKey(relPath: string): string {
  // Windows and default macOS volumes are case-insensitive and normalise Unicode: two names equal after that collide.
  return relPath.normalize('NFC').toLowerCase();
}

function existsOnDisk(p: string): boolean {
  try { lstatSync(p); return true; } catch { return false; }
}

/** Picks `Name.ext`, else `Name (2).ext`, `Name (3).ext`… free both in this plan and on disk. */
function freeName(destination: string, relPath: string, taken: Set<string>): string {
  const dir = posix.dirname(relPath);
  const file = posix.basename(relPath);
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  const ext = dot > 0 ? file.slice(dot + 1) : '';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const extBytes = ext ? new TextEncoder().encode(ext).length + 1 : 0;
    const name = sanitizeComponent(truncateUtf8(stem, 255 - extBytes - suffix.length) + suffix, ext || undefined);
    const candidate = dir === '.' ? name : `${dir}/${name}`;
    if (!taken.has(foldKey(candidate)) && !existsOnDisk(join(destination, candidate))) {
      taken.add(foldKey(candidate));
      return candidate;
    }
  }
}

export function bucketOf(item: ExportItem, layout: 'group' | 'category' | 'flat'): string {
  if (layout === 'group') return item.group?.trim() || 'Ungrouped';
  if (layout === 'category') return categoryLabel(item.category);
  return 'All';
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Builds the kit files of each bucket from the files that are (or will be) on disk. */
export function planKits(destination: string, files: readonly PlannedFile[], options: ExportOptions, previous: ExportManifest | null, taken: Set<string>): PlannedKit[] {
  const formats: Array<'sfz' | 'dspreset'> = [];
  if (options.sfz) formats.push('sfz');
  if (options.decent) formats.push('dspreset');
  if (!formats.length) return [];
  const buckets = new Map<string, PlannedFile[]>();
  for (const f of files) buckets.set(f.bucket, [...(buckets.get(f.bucket) ?? []), f]);
  const kits: PlannedKit[] = [];
  for (const [bucket, bucketFiles] of buckets) {
    // The kit sits in the deepest folder all its samples share, so every path in it is plain and relative.
    const dirs = bucketFiles.map((f) => posix.dirname(f.relPath).split('/').filter((p) => p !== '.'));
    let common = dirs[0];
    for (const d of dirs) { let i = 0; while (i < common.length && i < d.length && common[i] === d[i]) i++; common = common.slice(0, i); }
    const kitDir = common.join('/');
    const samples: KitSample[] = bucketFiles.map((f) => ({ item: f.item, samplePath: posix.relative(kitDir || '.', f.relPath) }));
    const kind = chooseKitKind(bucketFiles.map((f) => f.item));
    let regions;
    let omitted: KitSample[] = [];
    if (kind === 'drums') regions = mapDrumKit(samples);
    else ({ regions, omitted } = mapChromaticKit(samples));
    const mappedPaths = new Set(regions.map((r) => r.samplePath));
    const notMapped = samples.filter((s) => !mappedPaths.has(s.samplePath) && !omitted.includes(s));
    const omittedList = [
      ...omitted.map((s) => ({ sampleId: s.item.sampleId, reason: 'no detected root note for a chromatic kit' })),
      ...notMapped.map((s) => ({ sampleId: s.item.sampleId, reason: 'no free MIDI note left (128 max)' })),
    ];
    for (const format of formats) {
      const content = format === 'sfz' ? writeSfz(bucket, kind, regions) : writeDspreset(bucket, kind, regions);
      const base = sanitizeComponent(bucket, format);
      const relBase = kitDir ? `${kitDir}/${base}` : base;
      let chosen: PlannedKit | null = null;
      for (let n = 1; !chosen; n++) {
        const rel = n === 1 ? relBase : relBase.replace(/(\.[a-z]+)$/, ` (${n})$1`);
        const abs = join(destination, rel);
        if (taken.has(foldKey(rel))) continue;
        const kit: PlannedKit = { format, bucket, kind, relPath: rel, destPath: abs, regions, content, action: 'write', omitted: omittedList };
        if (!existsOnDisk(abs)) chosen = kit;
        else {
          let onDisk: Buffer | null = null;
          try { if (statSync(abs).isFile()) onDisk = readFileSync(abs); } catch { onDisk = null; }
          if (onDisk && onDisk.equals(Buffer.from(content))) chosen = { ...kit, action: 'skip-existing' };
          else if (onDisk && previous?.kits.some((k) => k.path === rel && k.sha256 === sha256(onDisk))) chosen = { ...kit, action: 'replace-own' };
        }
        if (chosen) taken.add(foldKey(rel));
      }
      kits.push(chosen);
    }
  }
  return kits;
}

export function kitSha(content: string): string {
  return sha256(content);
}

/** Pure planning (reads the destination and its previous manifest; writes nothing). */
export function planExport(items: readonly ExportItem[], options: ExportOptions): ExportPlan {
  validate(options);
  const destination = resolve(options.destination);
  const layout = options.layout ?? 'group';
  const template = options.template ?? DEFAULT_TEMPLATES[layout];
  const mode = options.mode ?? 'copy';
  const manifestName = sanitizeComponent(options.manifestName ?? 'sonoteca-export');
  const manifestJsonPath = join(destination, `${manifestName}.json`);
  const manifestCsvPath = join(destination, `${manifestName}.csv`);
  if (existsOnDisk(destination) && !statSync(destination).isDirectory()) throw new ExportError(`destination '${destination}' exists and is not a folder`);
  const previous = existsOnDisk(destination) ? readManifest(manifestJsonPath) : null;
  const variant = variantOf({ ...options, mode });
  const warnings: string[] = [];

  const taken = new Set<string>([foldKey(basename(manifestJsonPath)), foldKey(basename(manifestCsvPath))]);
  const prevUsed = new Set<ManifestEntry>();
  const files: PlannedFile[] = [];
  const seen = new Set<string>();
  const bucketCounts = new Map<string, number>();
  const pending: Array<{ item: ExportItem; bucket: string; index: number }> = [];

  for (const item of items) {
    const bucket = bucketOf(item, layout);
    const dedupe = `${item.sampleId}\u0000${bucket}\u0000${item.group ?? ''}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const index = (bucketCounts.get(bucket) ?? 0) + 1;
    bucketCounts.set(bucket, index);
    // Already exported in this variant, same source sound, file still there with the size we wrote: skip it.
    const prev = previous?.entries.find((e) => !prevUsed.has(e) && e.sampleId === item.sampleId && e.variant === variant
      && (e.group ?? null) === (item.group ?? null) && e.status !== 'error');
    if (prev) {
      const sameSource = (!item.fingerprint || !prev.fingerprint || item.fingerprint === prev.fingerprint)
        && (item.sizeBytes == null || prev.sourceSize == null || item.sizeBytes === prev.sourceSize);
      const abs = join(destination, prev.destination);
      let sizeOk = false;
      try { sizeOk = isInside(destination, abs) && statSync(abs).size === prev.destSize; } catch { sizeOk = false; }
      if (sameSource && sizeOk) {
        prevUsed.add(prev);
        taken.add(foldKey(prev.destination));
        files.push({ item, relPath: prev.destination, destPath: abs, action: 'skip-existing', reason: 'already exported (manifest, same size)', bucket, destSize: prev.destSize });
        continue;
      }
    }
    pending.push({ item, bucket, index });
  }
  const carried = (previous?.entries ?? []).filter((e) => !prevUsed.has(e) && e.status !== 'error');
  for (const e of carried) taken.add(foldKey(e.destination));

  for (const { item, bucket, index } of pending) {
    const outExt = options.convert ? 'wav' : (item.ext || 'wav').toLowerCase();
    const rel = sanitizeRelPath(renderTemplate(template, item, index, outExt), outExt);
    const relPath = freeName(destination, rel, taken);
    const destPath = join(destination, relPath);
    if (!isInside(destination, destPath)) throw new ExportError(`internal: '${relPath}' escapes the destination`);
    if (relPath !== rel) warnings.push(`'${rel}' exists; ${item.name} goes to '${relPath}'`);
    files.push({ item, relPath, destPath, action: 'write', bucket });
  }
  // Keep the user's order in the listing.
  const order = new Map(items.map((it, i) => [it, i]));
  files.sort((a, b) => (order.get(a.item) ?? 0) - (order.get(b.item) ?? 0));

  const kits = planKits(destination, files, options, previous, taken);
  for (const k of kits) for (const o of k.omitted) warnings.push(`${k.relPath}: sample ${o.sampleId} left out (${o.reason})`);
  return {
    destination,
    options: { ...options, destination, layout, template, mode, manifestName },
    files, kits, carried, manifestJsonPath, manifestCsvPath, warnings,
  };
}

export function describePlan(plan: ExportPlan): string {
  const lines = [`Export to ${plan.destination} (${plan.options.mode}, ${variantOf(plan.options)})`];
  for (const f of plan.files) lines.push(`${f.action === 'write' ? 'write' : 'skip '}  ${f.relPath}  ←  ${f.item.sourcePath}${f.reason ? `  (${f.reason})` : ''}`);
  for (const k of plan.kits) lines.push(`${k.action === 'skip-existing' ? 'skip ' : 'kit  '}  ${k.relPath}  (${k.kind}, ${k.regions.length} zones)`);
  lines.push(`manifest  ${basename(plan.manifestJsonPath)}, ${basename(plan.manifestCsvPath)}`);
  for (const w of plan.warnings) lines.push(`note: ${w}`);
  return lines.join('\n');
}
