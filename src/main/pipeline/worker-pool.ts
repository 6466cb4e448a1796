// Runs jobs on a fixed set of worker threads, so both cores work and a decoder that hangs, crashes or runs out of
// memory on one file costs that file only: its worker is terminated and replaced, the job fails with a reason.
// A worker may answer a job provisionally ({ pending: true }) and complete it later (batched work such as the
// embedding): the job stops counting against the worker's load, and if the worker dies before completing it the
// provisional answer stands, so a crash in a batch loses no file's finished work.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type JobFailureReason = 'timeout' | 'crash';

export class JobFailedError extends Error {
  constructor(readonly reason: JobFailureReason, message: string) {
    super(message);
    this.name = 'JobFailedError';
  }
}

interface Pending<Res> {
  id: number;
  message: unknown;
  timeoutMs: number;
  resolve: (value: Res) => void;
  reject: (err: Error) => void;
  /** Sent back to the queue once already after a crash nobody could be blamed for. */
  retried?: boolean;
}

interface Owed<Res> {
  job: Pending<Res>;
  provisional: Res;
  timer: NodeJS.Timeout;
}

interface Slot<Res> {
  worker: Worker;
  busy: Map<number, { job: Pending<Res>; timer: NodeJS.Timeout }>;
  /** Jobs answered provisionally, awaiting their completion. */
  owed: Map<number, Owed<Res>>;
}

/** Who is failed when a worker must be replaced: the oldest job in flight, nobody, or it depends (a crash). */
type Blame = 'oldest' | 'none' | 'unknown';

export interface WorkerPoolOptions<Res = unknown> {
  /** Worker module, resolved next to the caller: give the URL of the .ts source; the built .js sibling is used in dist. */
  script: URL;
  size: number;
  /** Jobs sent to one worker before it answers, so it never idles while the main thread stores results. */
  perWorker?: number;
  /** Heap limit per worker: a pathological file runs the worker out of memory, not the process. */
  maxHeapMb?: number;
  /** A provisional answer and its completion → the job's result (default: the completion). */
  complete?: (provisional: Res, completion: unknown) => Res;
  /** The result of a provisionally answered job whose completion never came (worker crashed or hung). */
  incomplete?: (provisional: Res, why: string) => Res;
}

export class WorkerPool<Req, Res> {
  private readonly slots: Slot<Res>[] = [];
  private readonly queue: Pending<Res>[] = [];
  private nextId = 1;
  private closed = false;
  private readonly perWorker: number;

  constructor(private readonly opts: WorkerPoolOptions<Res>) {
    this.perWorker = opts.perWorker ?? 2;
    for (let i = 0; i < opts.size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  run(message: Req, timeoutMs: number): Promise<Res> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, message, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('worker pool closed'));
    for (const slot of this.slots) this.settleOwed(slot, 'worker pool closed');
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot<Res> {
    const script = resolveWorkerScript(this.opts.script);
    // TypeScript sources (tests, `tsx` runs) start through a bootstrap that registers the tsx loader in the thread.
    const isTs = script.pathname.endsWith('.ts');
    const worker = new Worker(isTs ? new URL('./ts-worker-bootstrap.mjs', import.meta.url) : script, {
      workerData: isTs ? { __sonotecaWorkerScript: script.href } : undefined,
      resourceLimits: this.opts.maxHeapMb ? { maxOldGenerationSizeMb: this.opts.maxHeapMb } : undefined,
    });
    const slot: Slot<Res> = { worker, busy: new Map(), owed: new Map() };
    worker.on('message', (msg: { id: number; ok: boolean; pending?: boolean; value?: unknown; error?: { name: string; message: string; code?: string } }) => {
      const owed = slot.owed.get(msg.id);
      if (owed) {
        clearTimeout(owed.timer);
        slot.owed.delete(msg.id);
        if (msg.ok) owed.job.resolve(this.opts.complete ? this.opts.complete(owed.provisional, msg.value) : (msg.value as Res));
        else owed.job.resolve(this.incomplete(owed.provisional, msg.error?.message ?? 'worker error'));
        return;
      }
      const entry = slot.busy.get(msg.id);
      if (!entry) return;
      clearTimeout(entry.timer);
      slot.busy.delete(msg.id);
      if (msg.ok && msg.pending) {
        // The completion gets the job's own time limit again; a worker that never sends it is replaced.
        const timer = setTimeout(() => this.replace(slot, 'timeout', `no completion after ${Math.round(entry.job.timeoutMs / 1000)} s`, 'none'), entry.job.timeoutMs);
        slot.owed.set(msg.id, { job: entry.job, provisional: msg.value as Res, timer });
      } else if (msg.ok) entry.job.resolve(msg.value as Res);
      else entry.job.reject(Object.assign(new Error(msg.error?.message ?? 'worker error'), msg.error));
      this.pump();
    });
    const fail = (reason: JobFailureReason, detail: string) => this.replace(slot, reason, detail, 'unknown');
    worker.on('error', (err) => fail('crash', err.message));
    worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) fail('crash', `worker exited with code ${code}`);
    });
    worker.unref();
    return slot;
  }

  private incomplete(provisional: Res, why: string): Res {
    return this.opts.incomplete ? this.opts.incomplete(provisional, why) : provisional;
  }

  /** Provisionally answered jobs of a worker going away keep their provisional answer. */
  private settleOwed(slot: Slot<Res>, why: string): void {
    for (const { job, provisional, timer } of slot.owed.values()) {
      clearTimeout(timer);
      job.resolve(this.incomplete(provisional, why));
    }
    slot.owed.clear();
  }

  /** Fails the jobs a broken worker held and starts a fresh one in its place. */
  private replace(slot: Slot<Res>, reason: JobFailureReason, detail: string, blame: Blame): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const victims = [...slot.busy.values()];
    slot.busy.clear();
    for (const { timer } of victims) clearTimeout(timer);
    // Batched work was pending: the crash may have been the batch's, not a file's.
    const batchSuspect = slot.owed.size > 0;
    this.settleOwed(slot, `worker ${reason === 'timeout' ? 'timed out' : 'crashed'}: ${detail}`);
    void slot.worker.terminate();
    if (this.closed) return;
    this.slots[index] = this.spawn();
    // With several jobs in flight we cannot tell which one broke the worker: the oldest is blamed, the others retried.
    // When a batch may be to blame, every file gets one more try first; a file that breaks a worker twice is failed.
    victims.forEach(({ job }, i) => {
      const guilty = blame === 'oldest' ? i === 0 : blame === 'none' ? false : batchSuspect ? job.retried === true : i === 0;
      if (guilty) job.reject(new JobFailedError(reason, detail));
      else {
        if (blame === 'unknown' && batchSuspect) job.retried = true;
        this.queue.unshift(job);
      }
    });
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (this.queue.length && slot.busy.size < this.perWorker) {
        const job = this.queue.shift()!;
        const timer = setTimeout(() => {
          // A job over its time limit: give its worker's other jobs back to the queue, then replace the worker.
          const others = [...slot.busy.values()].filter((e) => e.job !== job);
          slot.busy.clear();
          for (const e of others) {
            clearTimeout(e.timer);
            this.queue.unshift(e.job);
          }
          slot.busy.set(job.id, { job, timer });
          this.replace(slot, 'timeout', `no result after ${Math.round(job.timeoutMs / 1000)} s`, 'oldest');
        }, job.timeoutMs);
        slot.busy.set(job.id, { job, timer });
        slot.worker.postMessage({ id: job.id, message: job.message });
      }
    }
  }
}

/** Under tsx the .ts source runs; after the esbuild bundle the .js file sits beside the caller. */
export function resolveWorkerScript(script: URL): URL {
  const path = fileURLToPath(script);
  if (existsSync(path)) return script;
  const js = new URL(script.href.replace(/\.ts$/, '.js'));
  if (existsSync(fileURLToPath(js))) return js;
  throw new Error(`worker script not found: ${path}`);
}
