// Worker side of the learned embedding: each analysed file leaves its log-mel patch here, and one forward pass
// embeds many files at once (the model's cost is mostly per pass, not per item). The model loads lazily, once per
// worker; when it cannot, every file gets the same clear reason and its analysis is unaffected.
import { logMelPatch } from '../ml/log-mel.js';
import type { EmbedRequest, EmbeddingOutcome } from './analysis-job.js';
import type { MonoHead } from './mono-head-tap.js';

/** Seconds from a file's start the model is given (its patch is shorter; the margin covers leading silence). */
export const EMBED_INPUT_SECONDS = 4;
/** Files per forward pass: large enough to amortise a pass, small enough (≈1 MB of activations each) to stay lean. */
export const EMBED_BATCH = 16;

/** The part of the embedder a batch needs. */
export interface PatchModel {
  readonly version: string;
  readonly backend: string;
  embedPatches(patches: Float32Array[]): Promise<Float32Array[]>;
}

export type PatchModelLoader = (req: EmbedRequest) => Promise<PatchModel>;

interface Queued {
  id: number;
  key: string;
  patch: Float32Array;
}

export class EmbedBatcher {
  private queued: Queued[] = [];
  private readonly models = new Map<string, Promise<PatchModel | string>>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly load: PatchModelLoader,
    private readonly send: (id: number, outcome: EmbeddingOutcome) => void,
    readonly maxBatch = EMBED_BATCH,
  ) {}

  get size(): number {
    return this.queued.length;
  }

  /** Queues one file. Its patch is made now, so the decoded audio can be freed at once. */
  add(id: number, req: EmbedRequest, head: MonoHead): void {
    let patch: Float32Array;
    try {
      patch = logMelPatch(head.mono, head.sampleRate);
    } catch (err) {
      this.send(id, { embedError: `could not prepare the model's input: ${(err as Error).message}` });
      return;
    }
    // Start loading on the first file, so the model is ready by the time the batch is full.
    const key = req.modelDir ?? '';
    this.model(key, req);
    this.queued.push({ id, key, patch });
  }

  /** Embeds everything queued; passes run one after another, so a flush never overtakes an earlier one. */
  flush(): Promise<void> {
    const batch = this.queued;
    this.queued = [];
    if (!batch.length) return this.chain;
    this.chain = this.chain.then(() => this.run(batch));
    return this.chain;
  }

  private model(key: string, req: EmbedRequest): Promise<PatchModel | string> {
    let m = this.models.get(key);
    if (!m) {
      m = this.load(req).catch((err: unknown) => `the embedding model could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
      this.models.set(key, m);
    }
    return m;
  }

  private async run(batch: Queued[]): Promise<void> {
    const byKey = new Map<string, Queued[]>();
    for (const q of batch) byKey.set(q.key, [...(byKey.get(q.key) ?? []), q]);
    for (const [key, items] of byKey) {
      const model = await this.model(key, { modelDir: key || undefined });
      if (typeof model === 'string') {
        for (const q of items) this.send(q.id, { embedError: model, embedUnavailable: true });
        continue;
      }
      let vectors: Float32Array[];
      try {
        vectors = await model.embedPatches(items.map((q) => q.patch));
      } catch (err) {
        const reason = `embedding failed: ${(err as Error).message}`;
        for (const q of items) this.send(q.id, { embedError: reason });
        continue;
      }
      items.forEach((q, i) => this.send(q.id, { embedding: vectors[i], embedModel: model.version, embedBackend: model.backend }));
    }
  }
}
