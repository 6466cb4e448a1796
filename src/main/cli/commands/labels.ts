// `sonoteca labels import <csv>` / `sonoteca labels export [--out file]`: user labels as path,label CSV.
import { writeFile } from 'node:fs/promises';
import type { Command } from '../command.js';
import { UsageError } from '../parse-args.js';
import { exportLabels, importLabels } from '../../services/labels-csv.js';
import { classifyLibrary } from '../../services/classify.js';

export const labelsCommand: Command = {
  name: 'labels',
  summary: 'import or export your labels as CSV (path,label)',
  usage: 'sonoteca labels import <file.csv> [--partial] | sonoteca labels export [--out file.csv] [--all]',
  flags: { out: { type: 'string' }, partial: { type: 'boolean' }, all: { type: 'boolean' } },
  async run({ args, out, openLibrary }) {
    const [sub, file] = args.positionals;
    if (sub !== 'import' && sub !== 'export') throw new UsageError(`labels needs 'import' or 'export'${sub ? `, got '${sub}'` : ''}`);
    if (sub === 'import' && !file) throw new UsageError('labels import needs a CSV file');
    const library = openLibrary();
    try {
      if (sub === 'export') {
        const csv = exportLabels(library.db, { effective: Boolean(args.flags.all) });
        const rows = csv.trimEnd().split('\n').length - 1;
        if (args.flags.out) {
          await writeFile(args.flags.out as string, csv);
          out.result({ file: args.flags.out, rows }, () => `wrote ${rows} labels to ${args.flags.out}`);
        } else if (out.json) out.result({ csv, rows }, () => '');
        else process.stdout.write(csv);
        return 0;
      }
      const r = await importLabels(library.db, file, { partial: Boolean(args.flags.partial) });
      for (const p of r.problems) out.warn(`${file}:${p.line}: ${p.message}`);
      if (r.committed && r.applied > 0) await classifyLibrary(library.db);
      out.result(r, () => r.committed
        ? `imported ${r.applied} labels (${r.unchanged} already set)${r.problems.length ? `, skipped ${r.problems.length} bad lines` : ''}`
        : `nothing imported: ${r.problems.length} bad lines (fix them, or use --partial to import the good ones)`);
      return r.problems.length ? 1 : 0;
    } finally {
      await library.close();
    }
  },
};
