// `sonoteca map [--out file]`: the library's 2-D map (stored in the library; extended when sounds are added).
import { writeFile } from 'node:fs/promises';
import type { Command } from '../command.js';
import { libraryMap } from '../../services/library-map.js';
import { resolveSampleRef } from './show.js';

export const mapCommand: Command = {
  name: 'map',
  summary: 'compute (or update) the 2-D sound map and write its points',
  usage: 'sonoteca map [--out points.json] [--recompute] [--distance-to <path|id>] [--json]',
  flags: { out: { type: 'string' }, recompute: { type: 'boolean' }, 'distance-to': { type: 'string' } },
  async run({ args, out, openLibrary }) {
    const library = openLibrary();
    try {
      const ref = args.flags['distance-to'] as string | undefined;
      const r = await libraryMap(library.db, { recompute: Boolean(args.flags.recompute), selectedId: ref ? resolveSampleRef(library, ref) : undefined });
      const summary = `${r.points.length} points (${r.mode}${r.mode === 'incremental' ? `, ${r.added} added` : ''}) in ${r.seconds.toFixed(1)} s`;
      if (args.flags.out) {
        await writeFile(args.flags.out as string, JSON.stringify(r));
        out.result({ file: args.flags.out, mode: r.mode, added: r.added, points: r.points.length, seconds: r.seconds }, () => `${summary}; wrote ${args.flags.out}`);
      } else out.result(r, () => summary + ' (use --out to save the points, or --json)');
      return 0;
    } finally {
      await library.close();
    }
  },
};
