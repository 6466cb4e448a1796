// Reads the development corpus (manifests written by /work/shared/corpus/build-dev-corpus.sh) and decodes its
// audio to mono at the training rate with sox, keeping only one-shots whose label is in our taxonomy.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { categoryIndex } from '../taxonomy.js';

export interface CorpusItem {
  path: string;
  label: string;
  /** Index into CATEGORIES. */
  category: number;
  /** The collection it came from (soundfont file, 'sonic-pi', 'synth'): the unit of the train/test split. */
  source: string;
  /** Instrument within the source; variants of one instrument share it. */
  instrument: string;
}

/**
 * The development corpus's sources: the manifest that lists each, the name training reports give it, and the
 * Debian package its manifest rows name as their source (what the evaluation harness splits by).
 */
export const CORPUS_SOURCES: Readonly<Record<string, { manifest: string; name: string; package: string }>> = {
  fluidr3: { manifest: 'gm_rendered_fluidr3.csv', name: 'FluidR3_GM.sf2', package: 'fluid-soundfont-gm' },
  musescore: { manifest: 'gm_rendered_musescore.csv', name: 'MuseScore_General.sf3', package: 'musescore-general-soundfont' },
  sonicpi: { manifest: 'sonic_pi.csv', name: 'sonic-pi', package: 'sonic-pi-samples' },
};

/** The test sources a model has already heard in training (`trainedOn` as its model.json records it). */
export function sourcesSeenInTraining(trainedOn: readonly string[], testSources: readonly string[]): string[] {
  const heard = new Set(trainedOn.flatMap((name) => [name, ...Object.values(CORPUS_SOURCES).filter((s) => s.name === name).map((s) => s.package)]));
  return [...new Set(testSources)].filter((s) => heard.has(s));
}

/** Splits the corpus by source: the named ones teach, every other one is held out. */
export function corpusSplit(trainKeys: readonly string[]): { train: string[]; heldOut: string[] } {
  const train = [...new Set(trainKeys.map((k) => k.trim()).filter(Boolean))];
  if (!train.length) throw new Error('--train-sources: name at least one source');
  const unknown = train.filter((k) => !(k in CORPUS_SOURCES));
  if (unknown.length) throw new Error(`--train-sources: unknown source '${unknown.join("', '")}' (known: ${Object.keys(CORPUS_SOURCES).join(', ')})`);
  return { train, heldOut: Object.keys(CORPUS_SOURCES).filter((k) => !train.includes(k)) };
}

/** Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** Manifest rows usable for training: known label, not silent, not a loop. */
export async function readManifest(csvPath: string): Promise<CorpusItem[]> {
  const rows = parseCsv(await readFile(csvPath, 'utf8'));
  const items: CorpusItem[] = [];
  for (const r of rows) {
    if (!r.path || !r.label) throw new Error(`${csvPath}: row without path or label`);
    const category = categoryIndex(r.label);
    if (category < 0 || r.silent === '1' || r.kind === 'loop') continue;
    items.push({
      path: r.path,
      label: r.label,
      category,
      source: r.kit_or_soundfont || 'unknown',
      instrument: `${r.kit_or_soundfont}:${r.program || r.instrument_name}`,
    });
  }
  return items;
}

/** Decodes any format sox reads to mono float32 at `rate`, at most `maxSeconds` long. */
export function decodeMono(path: string, rate: number, maxSeconds = 3): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const sox = spawn('sox', [path, '-t', 'raw', '-e', 'floating-point', '-b', '32', '-c', '1', '-r', String(rate), '-', 'trim', '0', String(maxSeconds)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let err = '';
    sox.stdout.on('data', (c: Buffer) => chunks.push(c));
    sox.stderr.on('data', (c: Buffer) => (err += c.toString()));
    sox.on('error', (e) => reject(new Error(`cannot run sox to decode ${path}: ${e.message}`)));
    sox.on('close', (code) => {
      if (code !== 0) return reject(new Error(`sox failed on ${path} (exit ${code}): ${err.trim()}`));
      const buf = Buffer.concat(chunks);
      const out = new Float32Array(Math.floor(buf.byteLength / 4));
      for (let i = 0; i < out.length; i++) out[i] = buf.readFloatLE(i * 4);
      resolve(out);
    });
  });
}

/** Runs `fn` over `items` with at most `limit` in flight, preserving order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
