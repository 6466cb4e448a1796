// `sonoteca add <folder>…`: add roots, index them at once, then analyse in the background with progress.
import type { Command } from '../command.js';
import { UsageError } from '../parse-args.js';
import { printIndexReports, runAnalysis } from './shared-steps.js';

export const addCommand: Command = {
  name: 'add',
  summary: 'add sample folders to the library, index and analyse them',
  usage: 'sonoteca add <folder>… [--no-analyse] [--workers N]',
  flags: { analyse: { type: 'boolean' }, workers: { type: 'number' } },
  async run({ args, out, openLibrary, signal }) {
    if (!args.positionals.length) throw new UsageError('name at least one folder to add');
    const library = openLibrary();
    try {
      const result = await library.addRoots(args.positionals);
      for (const r of result.refused) out.warn(`not added: ${r.path}: ${r.reason}`);
      printIndexReports(out, result.reports);
      const analysis = args.flags.analyse === false ? null : await runAnalysis(library, out, signal, args.flags.workers as number | undefined);
      out.result({ roots: result.added, refused: result.refused, index: result.reports, analysis, status: library.db.samples.counts() }, () => '');
      return result.added.length || !result.refused.length ? 0 : 2;
    } finally {
      await library.close();
    }
  },
};
