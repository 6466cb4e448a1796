// `sonoteca list`: every sample with its format, kind, tempo, key, loudness, tags and any error.
import type { Command } from '../command.js';
import { table, formatDuration } from '../output.js';
import type { SampleSummary, SampleStatus } from '../../../shared/model/sample.js';
import { describeSamples } from './describe-sample.js';

const PAGE = 5000;

export const listCommand: Command = {
  name: 'list',
  summary: 'list samples (all, or by --status / --search)',
  usage: 'sonoteca list [--status pending|analysed|failed|missing] [--search TEXT] [--limit N] [--json]',
  flags: { status: { type: 'string' }, search: { type: 'string' }, limit: { type: 'number' } },
  async run({ args, out, openLibrary }) {
    const status = args.flags.status as SampleStatus | undefined;
    if (status && !['pending', 'analysed', 'failed', 'missing'].includes(status)) throw new Error(`unknown status '${status}'`);
    const limit = (args.flags.limit as number | undefined) ?? Infinity;
    const library = openLibrary();
    try {
      const samples: SampleSummary[] = [];
      for (let offset = 0; samples.length < limit; offset += PAGE) {
        const page = library.db.samples.list({ status, text: args.flags.search as string | undefined, limit: Math.min(PAGE, limit - samples.length), offset, orderBy: 'path' });
        samples.push(...page);
        if (page.length < PAGE) break;
      }
      const rows = out.json ? describeSamples(library.db, samples) : [];
      out.result(rows, () => table([
        ['ID', 'NAME', 'STATUS', 'KIND', 'CATEGORY', 'BPM', 'KEY/NOTE', 'LENGTH', 'LUFS', 'FORMAT'],
        ...samples.map((s) => [
          String(s.id),
          s.name,
          s.status === 'failed' ? `failed: ${s.error?.code}` : s.status,
          s.kind ?? '',
          s.category ? `${s.category.name} (${s.category.source} ${Math.round(s.category.confidence * 100)}%)` : '',
          s.bpm != null ? String(s.bpm) : '',
          s.key ?? s.note ?? '',
          s.durationSec != null ? (s.durationSec < 60 ? `${s.durationSec.toFixed(2)}s` : formatDuration(s.durationSec)) : '',
          s.loudnessLufs != null ? s.loudnessLufs.toFixed(1) : '',
          s.format ? `${s.format} ${s.sampleRate ?? ''}/${s.bitDepth ?? '-'}/${s.channels ?? ''}ch` : '',
        ]),
      ]));
      return 0;
    } finally {
      await library.close();
    }
  },
};
