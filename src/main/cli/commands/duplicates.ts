// `sonoteca duplicates`: exact copies (same audio, any name or format) and near copies (trimmed, re-gained…).
import type { Command } from '../command.js';
import { findDuplicates } from '../../services/duplicates.js';

export const duplicatesCommand: Command = {
  name: 'duplicates',
  summary: 'find exact and near-duplicate sounds (nothing is deleted)',
  usage: 'sonoteca duplicates [--exact-only] [--threshold 0.9] [--json]',
  flags: { 'exact-only': { type: 'boolean' }, threshold: { type: 'number' } },
  async run({ args, out, openLibrary, signal }) {
    const library = openLibrary();
    try {
      const r = await findDuplicates(library.db, {
        near: !args.flags['exact-only'],
        threshold: args.flags.threshold as number | undefined,
        signal,
        onProgress: (done, total) => out.progress({ phase: 'analyse', done, total, ratePerSec: 0, etaSec: null, current: 'audio prints' }),
      });
      out.endProgress();
      for (const u of r.unreadable) out.warn(`could not read ${u.path}: ${u.error}`);
      out.result(r, () => r.groups.length
        ? r.groups.map((g) => `${g.kind === 'exact' ? 'exact copies' : `near copies (similarity ${g.similarity.toFixed(2)})`}:\n${g.members.map((m) => `  ${m.id}\t${m.path}`).join('\n')}`).join('\n')
        : 'no duplicates found');
      return 0;
    } finally {
      await library.close();
    }
  },
};
