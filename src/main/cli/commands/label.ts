// `sonoteca label <path|id> <category>`: the user says what a sound is; neighbours are re-labelled at once.
import type { Command } from '../command.js';
import { UsageError } from '../parse-args.js';
import { resolveSampleRef } from './show.js';
import { predictSample, setUserLabel, validCategories } from '../../services/classify.js';
import { sharedEmbedder } from '../../services/embedding-store.js';
import { personalHeadDue } from '../../services/personal-head.js';

export const labelCommand: Command = {
  name: 'label',
  summary: 'set (or --clear) your own category for a sample',
  usage: `sonoteca label <path|id> <category> | sonoteca label <path|id> --clear   (categories: ${validCategories().join(', ')})`,
  flags: { clear: { type: 'boolean' } },
  async run({ args, out, openLibrary }) {
    const [ref, category] = args.positionals;
    if (!ref) throw new UsageError('name a sample by id or path');
    if (!args.flags.clear && !category) throw new UsageError('give a category, or --clear to remove your label');
    const library = openLibrary();
    try {
      const id = resolveSampleRef(library, ref);
      const r = await setUserLabel(library.db, id, args.flags.clear ? null : category.toLowerCase());
      const prediction = library.db.samples.get(id)?.status === 'analysed' ? await predictSample(library.db, id) : null;
      // One label is too little to retrain on each time (the app waits for a pause in labelling); say when it is due.
      const embedder = await sharedEmbedder();
      const headDue = embedder ? personalHeadDue(library.db, embedder.version) : false;
      const result = { ...r, effective: library.db.labels.effective(id)?.category ?? null, modelWouldSay: prediction?.category ?? null, personalHeadDue: headDue };
      out.result(result, () => `${library.db.samples.get(id)?.path}: ${args.flags.clear ? 'your label removed' : `labelled ${r.category}`}; ${r.relabelled} nearby sounds re-labelled` +
        (prediction && prediction.category !== result.effective ? ` (from the sound alone it would be ${prediction.category})` : '') +
        (headDue ? '\npersonal similarity is out of date with your labels: `sonoteca head train` updates it (the app does this by itself)' : ''));
      return 0;
    } finally {
      await library.close();
    }
  },
};
