// `sonoteca status`: how much of the library is indexed, analysed, pending, failed (by reason) and missing.
import type { Command } from '../command.js';
import { table } from '../output.js';

export const statusCommand: Command = {
  name: 'status',
  summary: 'counts of indexed / analysed / pending / failed (by reason) / missing samples',
  usage: 'sonoteca status',
  flags: {},
  async run({ out, openLibrary, libraryDir }) {
    const library = openLibrary();
    try {
      const counts = library.db.samples.counts();
      const roots = library.db.roots.list();
      const problems = library.db.problems.list();
      out.result({ library: libraryDir, roots, ...counts, problems }, () => {
        const rows = [
          ['indexed', String(counts.indexed)],
          ['analysed', String(counts.analysed)],
          ['pending', String(counts.pending)],
          ['failed', String(counts.failed)],
          ...Object.entries(counts.failedByReason).map(([reason, n]) => [`  ${reason}`, String(n)]),
          ['missing', String(counts.missing)],
        ];
        const lines = [`library ${libraryDir}`, ...roots.map((r) => `root    ${r.path}`), table(rows)];
        if (problems.length) lines.push(`${problems.length} folder problem(s):`, ...problems.slice(0, 20).map((p) => `  ${p.message}`));
        return lines.join('\n');
      });
      return 0;
    } finally {
      await library.close();
    }
  },
};
