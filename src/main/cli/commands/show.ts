// `sonoteca show <path|id>`: everything known about one sample.
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../parse-args.js';
import { jsonReplacer } from '../output.js';
import type { Library } from '../../core/library.js';

export const showCommand: Command = {
  name: 'show',
  summary: 'everything known about one sample',
  usage: 'sonoteca show <path|id> [--json]',
  flags: {},
  async run({ args, out, openLibrary }) {
    const ref = args.positionals[0];
    if (!ref) throw new UsageError('name a sample by id or path');
    const library = openLibrary();
    try {
      const id = resolveSampleRef(library, ref);
      const detail = library.db.samples.detail(id);
      if (!detail) throw new Error(`no sample with id ${id}`);
      out.result(detail, () => JSON.stringify(detail, jsonReplacer, 2));
      return 0;
    } finally {
      await library.close();
    }
  },
};

/** A sample named by numeric id or by path (absolute or relative to the working folder). */
export function resolveSampleRef(library: Library, ref: string): number {
  if (/^\d+$/.test(ref)) return Number(ref);
  const byPath = library.db.samples.byPath(resolve(ref)) ?? library.db.samples.byPath(ref);
  if (!byPath) throw new Error(`not in the library: ${ref}`);
  return byPath.id;
}
