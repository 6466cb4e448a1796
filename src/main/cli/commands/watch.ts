// `sonoteca watch`: keep the library in step with its folders until interrupted.
import type { Command } from '../command.js';
import { printIndexReports, runAnalysis } from './shared-steps.js';

export const watchCommand: Command = {
  name: 'watch',
  summary: 'rescan, then watch the library folders and analyse changes as they happen (Ctrl-C stops)',
  usage: 'sonoteca watch [--debounce MS] [--poll SECONDS]',
  flags: { debounce: { type: 'number' }, poll: { type: 'number' } },
  async run({ args, out, openLibrary, signal }) {
    const library = openLibrary();
    try {
      printIndexReports(out, await library.scan({ signal }));
      await runAnalysis(library, out, signal);
      const offIndexed = library.events.on('indexed', (r) => printIndexReports(out, [r]));
      const offAnalysed = library.events.on('analysed', (r) => out.info(`analysed ${r.analysed}, failed ${r.failed}`));
      const stop = library.watch({
        debounceMs: (args.flags.debounce as number | undefined) ?? 750,
        pollMs: ((args.flags.poll as number | undefined) ?? 300) * 1000,
        onError: (root, err) => out.warn(`cannot watch ${root}: ${err.message}`),
      });
      out.info(`watching ${library.db.roots.list().length} folder(s); Ctrl-C to stop`);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      stop();
      offIndexed();
      offAnalysed();
      out.result({ status: library.db.samples.counts() }, () => 'stopped watching');
      return 0;
    } finally {
      await library.close();
    }
  },
};
