// `sonoteca embeddings --out <file>`: the library's vectors with their ids, for notebooks and other tools.
import type { Command } from '../command.js';
import { UsageError } from '../parse-args.js';
import { exportEmbeddings } from '../../services/embeddings-export.js';

export const embeddingsCommand: Command = {
  name: 'embeddings',
  summary: 'export every sample\'s vector (.npy, .csv, or .f32 + .json header)',
  usage: 'sonoteca embeddings --out <file.npy|file.csv|file.f32> [--raw] [--json]',
  flags: { out: { type: 'string' }, raw: { type: 'boolean' } },
  async run({ args, out, openLibrary }) {
    const file = args.flags.out as string | undefined;
    if (!file) throw new UsageError('--out <file> is required');
    const library = openLibrary();
    try {
      const r = await exportEmbeddings(library.db, file, { space: args.flags.raw ? 'raw' : 'standardised' });
      out.result(r, () => `wrote ${r.count} × ${r.dim} ${r.space} vectors to ${r.files.join(' and ')}`);
      return 0;
    } finally {
      await library.close();
    }
  },
};
