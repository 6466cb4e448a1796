// `sonoteca similar <path|id|file>`: the sounds nearest to a library sample or to any audio file.
import type { Command } from '../command.js';
import { UsageError } from '../parse-args.js';
import { table } from '../output.js';
import { findSimilar, type SimilarFilters } from '../../services/similar.js';
import type { AspectWeights } from '../../services/library-vectors.js';

/** Parses "timbre=1,envelope=0.5,pitch=0". */
export function parseWeights(text: string): Partial<AspectWeights> {
  const out: Partial<AspectWeights> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(timbre|envelope|pitch)\s*=\s*([0-9.]+)$/.exec(part);
    if (!m || !Number.isFinite(Number(m[2]))) throw new UsageError(`bad weight '${part}': use timbre=N,envelope=N,pitch=N with N ≥ 0`);
    out[m[1] as keyof AspectWeights] = Number(m[2]);
  }
  return out;
}

export const similarCommand: Command = {
  name: 'similar',
  summary: 'sounds most like a sample (by id or path) or like any audio file',
  usage: 'sonoteca similar <path|id|audio-file> [-k N] [--category C] [--kind oneshot|loop] [--min-duration S] [--max-duration S] [--min-midi N] [--max-midi N] [--weights timbre=1,envelope=0.5,pitch=0] [--json]',
  flags: {
    k: { type: 'number', short: 'k' },
    category: { type: 'string' },
    kind: { type: 'string' },
    'min-duration': { type: 'number' },
    'max-duration': { type: 'number' },
    'min-midi': { type: 'number' },
    'max-midi': { type: 'number' },
    weights: { type: 'string' },
  },
  async run({ args, out, openLibrary }) {
    const ref = args.positionals[0];
    if (!ref) throw new UsageError('name a sample by id or path, or give an audio file');
    const kind = args.flags.kind as string | undefined;
    if (kind !== undefined && kind !== 'oneshot' && kind !== 'loop') throw new UsageError(`--kind is oneshot or loop, got '${kind}'`);
    const filters: SimilarFilters = {
      category: args.flags.category as string | undefined,
      kind: kind as SimilarFilters['kind'],
      minDurationSec: args.flags['min-duration'] as number | undefined,
      maxDurationSec: args.flags['max-duration'] as number | undefined,
      minMidi: args.flags['min-midi'] as number | undefined,
      maxMidi: args.flags['max-midi'] as number | undefined,
    };
    const library = openLibrary();
    try {
      const target = /^\d+$/.test(ref) ? Number(ref) : ref;
      const r = await findSimilar(library.db, target, { k: args.flags.k as number | undefined, filters, weights: args.flags.weights ? parseWeights(args.flags.weights as string) : undefined });
      out.result(r, () => `like ${r.query.path}${r.query.id === null ? ' (not in the library)' : ''}\n` + table([
        ['ID', 'DISTANCE', 'CATEGORY', 'KIND', 'LENGTH', 'NOTE', 'PATH'],
        ...r.results.map((h) => [String(h.id), h.distance.toFixed(3), h.category ?? '', h.kind ?? '', h.durationSec !== null ? `${h.durationSec.toFixed(2)}s` : '', h.note ?? '', h.path]),
      ]));
      return 0;
    } finally {
      await library.close();
    }
  },
};
