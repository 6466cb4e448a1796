// `sonoteca report`: cross-validated labelling quality over your labelled sounds (confusion, precision/recall).
import type { Command } from '../command.js';
import { table } from '../output.js';
import { libraryReport } from '../../services/quality-report.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'how well the app predicts your labels from the sound alone (cross-validated)',
  usage: 'sonoteca report [--with-filenames] [--folds N] [--json]',
  flags: { 'with-filenames': { type: 'boolean' }, folds: { type: 'number' } },
  async run({ args, out, openLibrary }) {
    const library = openLibrary();
    try {
      const r = await libraryReport(library.db, { includeFilenames: args.flags['with-filenames'] as boolean | undefined, folds: args.flags.folds as number | undefined });
      out.result(r, () => [
        `${r.labelled} labelled sounds (${r.sources.user} yours, ${r.sources.filename} from file names); ${r.note}`,
        `accuracy ${(r.accuracy * 100).toFixed(1)}%, macro-F1 ${r.macroF1.toFixed(3)}`,
        table([['CATEGORY', 'PRECISION', 'RECALL', 'F1', 'N'], ...r.perClass.map((c) => [c.label, c.precision.toFixed(2), c.recall.toFixed(2), c.f1.toFixed(2), String(c.support)])]),
        'confusion (rows = your label, columns = predicted; last column = unknown):',
        table([['', ...r.labels.map((l) => l.slice(0, 6)), 'unk'], ...r.confusion.map((row, i) => [r.labels[i], ...row.map(String)])]),
      ].join('\n'));
      return 0;
    } finally {
      await library.close();
    }
  },
};
