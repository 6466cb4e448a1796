// `sonoteca head [status|train|reset]`: the personal similarity head learnt from your labels and tags — where it
// stands, train it now (the app does this in the background), or forget it.
import type { Command } from '../command.js';
import { UsageError } from '../parse-args.js';
import { table } from '../output.js';
import { sharedEmbedder } from '../../services/embedding-store.js';
import { personalHeadPath, personalHeadStatus, resetPersonalHead, trainPersonalHead, type PersonalHeadStatus } from '../../services/personal-head.js';

function describe(s: PersonalHeadStatus): string {
  const lines: string[] = [];
  if (s.trained) {
    const when = new Date(s.trained.at).toISOString().replace('T', ' ').slice(0, 16);
    lines.push(`Personal similarity: trained on ${s.trained.labels} labels in ${s.trained.classes} groups (${when} UTC, ${s.trained.seconds}s)` +
      (s.state === 'outdated' ? ' — your labels changed since; run `sonoteca head train` or open the app to update it' : ''));
    lines.push(table([['GROUP', 'SOUNDS'], ...s.trained.groups.map((g) => [g.label, String(g.count)])]));
  } else {
    lines.push('Personal similarity: not in use (similar search and labels use the shipped model as it is)');
  }
  lines.push(`Now: ${s.labels} sounds labelled or tagged by you, ${s.classes} groups with enough examples` + (s.needs ? ` — ${s.needs}` : ''));
  if (s.message) lines.push(`Note: ${s.message}`);
  return lines.join('\n');
}

export const headCommand: Command = {
  name: 'head',
  summary: 'personal similarity learnt from your labels and tags: status, train now, or reset',
  usage: 'sonoteca head [status|train|reset] [--epochs N] [--json]',
  flags: { epochs: { type: 'number' } },
  async run({ args, out, openLibrary, signal }) {
    const sub = args.positionals[0] ?? 'status';
    if (!['status', 'train', 'reset'].includes(sub)) throw new UsageError(`head takes status, train or reset, got '${sub}'`);
    const epochs = args.flags.epochs as number | undefined;
    if (epochs !== undefined && !(Number.isInteger(epochs) && epochs >= 1 && epochs <= 1000)) throw new UsageError(`--epochs must be a whole number 1..1000, got ${epochs}`);
    const library = openLibrary();
    try {
      const db = library.db;
      const embedder = await sharedEmbedder();
      if (sub === 'status') {
        const s = personalHeadStatus(db, embedder?.version ?? null);
        out.result({ ...s, file: personalHeadPath(db) }, () => describe(s));
        return 0;
      }
      if (sub === 'reset') {
        const removed = resetPersonalHead(db);
        const s = personalHeadStatus(db, embedder?.version ?? null);
        out.result({ removed, ...s }, () => (removed ? 'Personal similarity reset: similar search and labels use the shipped model again.' : 'There was no personal similarity head to reset.'));
        return 0;
      }
      if (!embedder) throw new Error('the embedding model (assets/model) could not be loaded; personal similarity needs it');
      const r = await trainPersonalHead(db, {
        embedder, worker: false, signal, epochs,
        onProgress: (epoch, total) => {
          if (epoch % 10 === 0 || epoch === total) out.info(`training personal similarity: pass ${epoch}/${total}`);
        },
      });
      if (!r.trained) {
        out.result(r, () => 'Stopped: nothing saved, the previous personal similarity (if any) is still in use.');
        return 130;
      }
      const s = personalHeadStatus(db, embedder.version);
      out.result({ ...r, status: s }, () => `Trained on ${r.labels} labels in ${r.classes} groups in ${r.seconds.toFixed(1)}s ` +
        `(loss ${r.lossBefore?.toFixed(3)} → ${r.lossAfter?.toFixed(3)}, strength ${r.blend.toFixed(2)}); similar search now uses it.\n${describe(s)}`);
      return 0;
    } finally {
      await library.close();
    }
  },
};
