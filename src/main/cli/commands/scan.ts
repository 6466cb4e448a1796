// `sonoteca scan`: incremental rescan of every root, then analysis of what is new or changed.
import type { Command } from '../command.js';
import { printIndexReports, runAnalysis } from './shared-steps.js';

export const scanCommand: Command = {
  name: 'scan',
  summary: 'rescan all library folders (unchanged files are skipped) and analyse what changed',
  usage: 'sonoteca scan [--no-analyse] [--workers N]',
  flags: { analyse: { type: 'boolean' }, workers: { type: 'number' } },
  async run({ args, out, openLibrary, signal }) {
    const library = openLibrary();
    try {
      const reports = await library.scan({ signal });
      printIndexReports(out, reports);
      const analysis = args.flags.analyse === false ? null : await runAnalysis(library, out, signal, args.flags.workers as number | undefined);
      out.result({ index: reports, analysis, status: library.db.samples.counts() }, () => '');
      return 0;
    } finally {
      await library.close();
    }
  },
};
