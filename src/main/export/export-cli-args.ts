// Parses `sonoteca export …` flags into a selection plus ExportOptions, with a specific message for every bad flag.
import type { ConversionOptions, ExportFormat, ExportLayout, ExportMode, ExportOptions } from './export-types.js';
import { validateTemplate } from './name-template.js';

export interface ExportSelection {
  groups: string[];
  categories: string[];
  query: string | null;
  ids: number[];
}

export interface ExportCliRequest {
  selection: ExportSelection;
  options: ExportOptions;
  dryRun: boolean;
  json: boolean;
}

export class ExportCliError extends Error {
  constructor(message: string) { super(message); this.name = 'ExportCliError'; }
}

const VALUE_FLAGS = new Set(['--group', '--category', '--query', '--ids', '--to', '--layout', '--template', '--mode', '--format', '--rate', '--fade-out', '--normalize-db', '--manifest-name']);
const BOOL_FLAGS = new Set(['--mono', '--stereo', '--normalize', '--trim', '--sfz', '--decent', '--dry-run', '--json']);

function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new ExportCliError(`${flag} must be one of ${allowed.join(', ')}; got '${v}'`);
  return v as T;
}

export function parseExportCliArgs(argv: string[]): ExportCliRequest {
  const values = new Map<string, string[]>();
  const bools = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) { inline = arg.slice(eq + 1); arg = arg.slice(0, eq); }
    if (VALUE_FLAGS.has(arg)) {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new ExportCliError(`${arg} needs a value`);
      values.set(arg, [...(values.get(arg) ?? []), v]);
    } else if (BOOL_FLAGS.has(arg)) {
      if (inline !== undefined) throw new ExportCliError(`${arg} takes no value`);
      bools.add(arg);
    } else if (arg.startsWith('-')) {
      throw new ExportCliError(`unknown flag '${arg}' for export`);
    } else {
      throw new ExportCliError(`unexpected argument '${arg}' (did you mean --to '${arg}'?)`);
    }
  }
  const single = (flag: string): string | undefined => {
    const v = values.get(flag);
    if (v && v.length > 1) throw new ExportCliError(`${flag} given more than once`);
    return v?.[0];
  };
  const ids = (values.get('--ids') ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean).map((s) => {
    if (!/^\d+$/.test(s)) throw new ExportCliError(`--ids takes sample ids like 1,2,3; '${s}' is not one`);
    return Number(s);
  });
  const selection: ExportSelection = { groups: values.get('--group') ?? [], categories: values.get('--category') ?? [], query: single('--query') ?? null, ids };
  if (!selection.groups.length && !selection.categories.length && !selection.query && !ids.length) {
    throw new ExportCliError('nothing to export: give --group NAME, --category ID, --query TEXT or --ids 1,2');
  }
  const to = single('--to');
  if (!to) throw new ExportCliError('missing --to DIR (the destination folder)');
  const template = single('--template');
  if (template !== undefined) {
    try { validateTemplate(template); } catch (e) { throw new ExportCliError(`--template: ${(e as Error).message}`); }
  }
  if (bools.has('--mono') && bools.has('--stereo')) throw new ExportCliError('--mono and --stereo exclude each other');
  const format = single('--format');
  const rate = single('--rate');
  const fade = single('--fade-out');
  const normDb = single('--normalize-db');
  const wantsConversion = !!(format || rate || fade || normDb || ['--mono', '--stereo', '--normalize', '--trim'].some((f) => bools.has(f)));
  let convert: ConversionOptions | null = null;
  if (wantsConversion) {
    convert = { format: format ? oneOf<ExportFormat>('--format', format, ['wav16', 'wav24', 'wav32f']) : 'wav24' };
    if (rate) convert.sampleRate = Number(oneOf('--rate', rate, ['44100', '48000']));
    if (bools.has('--mono')) convert.channels = 'mono';
    if (bools.has('--stereo')) convert.channels = 'stereo';
    if (normDb !== undefined) {
      const n = Number(normDb);
      if (!Number.isFinite(n) || n > 0 || n < -60) throw new ExportCliError(`--normalize-db must be between -60 and 0; got '${normDb}'`);
      convert.normalize = n;
    } else if (bools.has('--normalize')) convert.normalize = true;
    if (bools.has('--trim')) convert.trim = true;
    if (fade !== undefined) {
      const ms = Number(fade);
      if (!Number.isFinite(ms) || ms < 0 || ms > 600000) throw new ExportCliError(`--fade-out takes milliseconds (0–600000); got '${fade}'`);
      convert.fadeOutMs = ms;
    }
  }
  const mode = single('--mode');
  const layout = single('--layout');
  const options: ExportOptions = {
    destination: to,
    ...(layout ? { layout: oneOf<ExportLayout>('--layout', layout, ['group', 'category', 'flat']) } : {}),
    ...(template ? { template } : {}),
    ...(mode ? { mode: oneOf<ExportMode>('--mode', mode, ['copy', 'hardlink', 'symlink']) } : {}),
    convert,
    sfz: bools.has('--sfz'),
    decent: bools.has('--decent'),
    ...(single('--manifest-name') ? { manifestName: single('--manifest-name') } : {}),
  };
  if (convert && options.mode && options.mode !== 'copy') throw new ExportCliError(`conversion flags write new files and cannot be combined with --mode ${options.mode}`);
  return { selection, options, dryRun: bools.has('--dry-run'), json: bools.has('--json') };
}
