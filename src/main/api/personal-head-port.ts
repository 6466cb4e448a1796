// The API's handle on personal similarity (issue #3): status / train / reset for the contract calls, a nudge when
// the user's labels or tags change, and a status stream for the 'personal-head' event. A new head changes similar
// search only; categories are voted in the shipped model's space (see classify.ts), so nothing is re-labelled.
import type { LibraryDb } from '../store/index.js';
import type { PersonalHeadView } from '../../shared/contract/views.js';
import { collectTrainingLabels } from '../services/personal-head-labels.js';
import { PersonalHeadTrainer, type PersonalHeadTrainerOptions } from '../services/personal-head.js';
import { ApiError } from './api-error.js';

export interface PersonalHeadPort {
  status(): Promise<PersonalHeadView>;
  /** Trains now on the current labels; rejects with a bad-request error when there are not enough. */
  train(): Promise<PersonalHeadView>;
  reset(): Promise<PersonalHeadView>;
  /** The user's labels or tags changed: train in the background once they settle. */
  labelsChanged(): void;
  /** Status changes (scheduled, training, trained, reset, failed). */
  onChange(listener: (status: PersonalHeadView) => void): () => void;
  /** Catches up with label changes made while the app was closed (CLI imports). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createPersonalHeadPort(db: LibraryDb, opts: Pick<PersonalHeadTrainerOptions, 'delayMs' | 'worker' | 'embedder'> = {}): PersonalHeadPort {
  const listeners = new Set<(status: PersonalHeadView) => void>();
  const tell = (s: PersonalHeadView) => {
    for (const l of listeners) l(s);
  };
  const trainer: PersonalHeadTrainer = new PersonalHeadTrainer(db, {
    ...opts,
    onStatus: tell,
    onTrained: () => tell(trainer.status()),
  });
  return {
    status: () => trainer.currentStatus(),
    async train() {
      try {
        return await trainer.trainNow();
      } catch (err) {
        const m = (err as Error).message;
        if (/not enough/.test(m)) throw new ApiError('bad-request', m);
        if (/could not be loaded/.test(m)) throw new ApiError('unavailable', m);
        throw err;
      }
    },
    reset: () => trainer.reset(),
    labelsChanged: () => trainer.labelsChanged(),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      // Cheap check first: loading the model is only worth it when there is something to learn.
      if (collectTrainingLabels(db).needs) return;
      await trainer.start();
    },
    async close() {
      listeners.clear();
      await trainer.close();
    },
  };
}
