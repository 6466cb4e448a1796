// `sonoteca export`: copy (or link, or convert) a group, category or search into a tidy DAW folder with kit files.
import type { Command } from '../command.js';
import { UsageError } from '../parse-args.js';
import { ProgressMeter } from '../../core/progress.js';
import { parseExportCliArgs, ExportCliError, selectExportItems, planExport, describePlan, runExport } from '../../export/index.js';

export const exportCommand: Command = {
  name: 'export',
  summary: 'export groups, categories or a search to a folder (copy/link/convert, SFZ and Decent Sampler kits)',
  usage: 'sonoteca export --group NAME|--category ID|--query TEXT|--ids 1,2 --to DIR [--layout group|category|flat] [--template T] [--mode copy|hardlink|symlink] [--format wav16|wav24|wav32f] [--rate 44100|48000] [--mono|--stereo] [--normalize] [--trim] [--fade-out MS] [--sfz] [--decent] [--dry-run] [--json]',
  flags: {},
  rawArgv: true,
  async run({ args, out, openLibrary, signal }) {
    let request;
    try {
      request = parseExportCliArgs(args.positionals);
    } catch (err) {
      if (err instanceof ExportCliError) throw new UsageError(err.message);
      throw err;
    }
    const library = openLibrary();
    try {
      const items = selectExportItems(library.db, request.selection);
      if (!items.length) throw new Error('the selection is empty: no samples match');
      const plan = planExport(items, request.options);
      if (request.dryRun) {
        out.result(plan, () => describePlan(plan));
        return 0;
      }
      const meter = new ProgressMeter('export', plan.files.length, (e) => out.progress(e));
      const summary = await runExport(plan, { signal, onProgress: (p) => meter.tick(p.current, p.done - meter.done) });
      out.endProgress();
      out.result(summary, () => [
        `exported ${summary.files} file(s), ${(summary.bytes / 1e6).toFixed(1)} MB to ${request.options.destination}; ${summary.skipped} already there`,
        ...summary.kitPaths.map((k) => `kit ${k}`),
        ...summary.notes.map((n) => `note: ${n}`),
        ...summary.errors.map((e) => `error: ${e.source}: ${e.message}`),
        summary.aborted ? 'stopped early: completed files are valid and the manifest lists what was done' : '',
      ].filter(Boolean).join('\n'));
      return summary.errors.length || summary.aborted ? 1 : 0;
    } finally {
      await library.close();
    }
  },
};
