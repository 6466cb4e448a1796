// `sonoteca clusters [-k N]`: groups of like sounds and what each is made of.
import type { Command } from '../command.js';
import { table } from '../output.js';
import { clusterLibrary } from '../../services/clusters.js';

export const clustersCommand: Command = {
  name: 'clusters',
  summary: 'group the library into clusters of similar sounds',
  usage: 'sonoteca clusters [-k N] [--json]',
  flags: { k: { type: 'number', short: 'k' } },
  async run({ args, out, openLibrary }) {
    const library = openLibrary();
    try {
      const r = clusterLibrary(library.db, { k: args.flags.k as number | undefined });
      out.result(r, () => `${r.k} clusters (${r.chosenBy === 'user' ? 'k given' : `k chosen by silhouette ${r.silhouette}`})\n` + table([
        ['CLUSTER', 'SIZE', 'PURITY', 'TOP LABELS', 'EXAMPLE'],
        ...r.clusters.map((c) => [String(c.cluster), String(c.size), c.topLabels.length ? `${Math.round(c.purity * 100)}%` : '', c.topLabels.map((l) => `${l.label} ${l.count}`).join(', '), c.examples[0]?.path ?? '']),
      ]));
      return 0;
    } finally {
      await library.close();
    }
  },
};
