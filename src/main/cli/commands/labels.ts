// `sonoteca labels import <csv>` / `sonoteca labels export [--out file]`: user labels as path,label CSV.
import { writeFile } from 'node:fs/promises';
import type { Command } from '../command.js';
import { UsageError } from '../parse-args.js';
import { exportLabels, importLabels } from '../../services/labels-csv.js';
import { classifyLibrary } from '../../services/classify.js';
import { sharedEmbedder } from '../../services/embedding-store.js';
import { personalHeadDue, trainPersonalHead } from '../../services/personal-head.js';

export const labelsCommand: Command = {
  name: 'labels',
  summary: 'import or export your labels as CSV (path,label)',
  usage: 'sonoteca labels import <file.csv> [--partial] [--skip-head] | sonoteca labels export [--out file.csv] [--all]',
  flags: { out: { type: 'string' }, partial: { type: 'boolean' }, all: { type: 'boolean' }, 'skip-head': { type: 'boolean' } },
  async run({ args, out, openLibrary, signal }) {
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
      let head: { trained: boolean; labels: number; classes: number; seconds: number } | null = null;
      if (r.committed && r.applied > 0) {
        // A bulk import is exactly what personal similarity learns from: train it now, as the app would in the
        // background, so `similar` and the next labels already reflect the imported distinctions.
        const embedder = args.flags['skip-head'] ? null : await sharedEmbedder();
        if (embedder && personalHeadDue(library.db, embedder.version)) {
          try {
            const t = await trainPersonalHead(library.db, {
              embedder, worker: false, signal,
              onProgress: (epoch, total) => {
                if (epoch % 25 === 0 || epoch === total) out.info(`training personal similarity: pass ${epoch}/${total}`);
              },
            });
            head = { trained: t.trained, labels: t.labels, classes: t.classes, seconds: Math.round(t.seconds * 10) / 10 };
          } catch (err) {
            // The labels are in; similarity just stays as it was (e.g. the labelled sounds are not analysed yet).
            out.warn(`personal similarity not trained: ${(err as Error).message}`);
          }
        }
        await classifyLibrary(library.db, { signal });
      }
      out.result({ ...r, personalHead: head }, () => (r.committed
        ? `imported ${r.applied} labels (${r.unchanged} already set)${r.problems.length ? `, skipped ${r.problems.length} bad lines` : ''}`
        : `nothing imported: ${r.problems.length} bad lines (fix them, or use --partial to import the good ones)`) +
        (head?.trained ? `\npersonal similarity trained on ${head.labels} labels in ${head.classes} groups (${head.seconds}s)` : ''));
      return r.problems.length ? 1 : 0;
    } finally {
      await library.close();
    }
  },
};
