// Audition engine: Web Audio with a decoded-buffer cache so moving through a list plays instantly and gaplessly;
// neighbours are decoded ahead of time.

export interface PlayerState {
  id: number | null;
  playing: boolean;
  loop: boolean;
  startedAt: number;
  offset: number;
  duration: number;
}

type Listener = (s: PlayerState) => void;

interface CacheEntry {
  promise: Promise<AudioBuffer>;
  /** Set once decoded: play() starts these synchronously, inside the key handler. */
  buffer: AudioBuffer | null;
  bytes: number;
}

/** Decoded audio is float32 per channel: long loops are big, so the cache is bounded by bytes as well as count. */
const MAX_CACHED = 64;
const MAX_CACHED_BYTES = 192 * 2 ** 20;

export class AuditionPlayer {
  private ctx: AudioContext | null = null;
  private gain: GainNode | null = null;
  private source: AudioBufferSourceNode | null = null;
  /** LRU (Map order) of fetched-and-decoded sounds by sample id. */
  private cache = new Map<number, CacheEntry>();
  private cachedBytes = 0;
  private listeners = new Set<Listener>();
  private generation = 0;
  private volume = 0.8;
  state: PlayerState = { id: null, playing: false, loop: false, startedAt: 0, offset: 0, duration: 0 };
  /** Last URL actually started, for diagnostics and end-to-end tests. */
  lastStartedUrl: string | null = null;
  /** performance.now() when the last source was started: the benchmark's "sound starts" instant. */
  lastStartedAt = 0;

  constructor(private readonly urlOf: (id: number) => string) {}

  private context(): AudioContext {
    if (!this.ctx) {
      this.ctx = new AudioContext({ latencyHint: 'interactive' });
      this.gain = this.ctx.createGain();
      this.gain.gain.value = this.volume;
      this.gain.connect(this.ctx.destination);
    }
    if (this.ctx.state === 'suspended') void this.ctx.resume();
    return this.ctx;
  }

  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private set(patch: Partial<PlayerState>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  /** Moves an entry to the young end of the LRU. */
  private touch(id: number): CacheEntry | undefined {
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
    }
    return hit;
  }

  load(id: number): Promise<AudioBuffer> {
    const hit = this.touch(id);
    if (hit) return hit.promise;
    const ctx = this.context();
    const entry: CacheEntry = { promise: null as unknown as Promise<AudioBuffer>, buffer: null, bytes: 0 };
    entry.promise = fetch(this.urlOf(id))
      .then((r) => {
        if (!r.ok) return r.text().then((t) => Promise.reject(new Error(`cannot load audio: ${t || r.status}`)));
        return r.arrayBuffer();
      })
      .then((b) => ctx.decodeAudioData(b))
      .then((buffer) => {
        if (this.cache.get(id) === entry) {
          entry.buffer = buffer;
          entry.bytes = buffer.length * buffer.numberOfChannels * 4;
          this.cachedBytes += entry.bytes;
          this.evict();
        }
        return buffer;
      });
    entry.promise.catch(() => {
      if (this.cache.get(id) === entry) this.drop(id);
    });
    this.cache.set(id, entry);
    this.evict();
    return entry.promise;
  }

  private drop(id: number) {
    const e = this.cache.get(id);
    if (!e) return;
    this.cachedBytes -= e.bytes;
    this.cache.delete(id);
  }

  private evict() {
    // Oldest first; the newest entry always stays, however big.
    while (this.cache.size > 1 && (this.cache.size > MAX_CACHED || this.cachedBytes > MAX_CACHED_BYTES)) this.drop(this.cache.keys().next().value as number);
  }

  preload(ids: number[]): void {
    for (const id of ids) void this.load(id).catch(() => {});
  }

  /** Whether `id` is decoded and would start at once. */
  isDecoded(id: number): boolean {
    return this.cache.get(id)?.buffer != null;
  }

  /**
   * Plays a sound. A decoded one starts before this returns (no await on the hot path, so nothing the UI renders
   * for the same keypress can delay it); otherwise it starts once fetched and decoded, unless superseded by then.
   */
  play(id: number, opts: { loop?: boolean; offset?: number } = {}): Promise<void> {
    const gen = ++this.generation;
    this.stopSource();
    const ready = this.touch(id)?.buffer;
    if (ready) {
      try {
        this.start(id, ready, opts);
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err as Error); // same contract as the async path: callers .catch() it
      }
    }
    return this.load(id).then((buffer) => {
      if (gen === this.generation) this.start(id, buffer, opts); // else the user moved on while this was decoding
    });
  }

  private start(id: number, buffer: AudioBuffer, opts: { loop?: boolean; offset?: number }) {
    const ctx = this.context();
    const src = ctx.createBufferSource();
    src.buffer = buffer;
    src.loop = !!opts.loop;
    src.connect(this.gain!);
    const offset = Math.max(0, Math.min(opts.offset ?? 0, buffer.duration - 0.001));
    src.start(0, offset);
    this.lastStartedAt = performance.now();
    src.onended = () => {
      if (this.source === src) {
        this.source = null;
        this.set({ playing: false, offset: 0 });
      }
    };
    this.source = src;
    this.lastStartedUrl = this.urlOf(id);
    this.set({ id, playing: true, loop: !!opts.loop, startedAt: ctx.currentTime, offset, duration: buffer.duration });
  }

  /** Seconds into the current sound, for the playhead. */
  position(): number {
    if (!this.ctx || !this.state.playing) return this.state.offset;
    const t = this.state.offset + (this.ctx.currentTime - this.state.startedAt);
    return this.state.loop && this.state.duration > 0 ? t % this.state.duration : Math.min(t, this.state.duration);
  }

  stop(): void {
    this.generation++;
    this.stopSource();
    this.set({ playing: false, offset: 0 });
  }

  private stopSource() {
    if (this.source) {
      const s = this.source;
      this.source = null;
      try {
        s.stop();
      } catch {
        // already stopped
      }
      s.disconnect();
    }
  }

  setVolume(v: number): void {
    this.volume = v;
    if (this.gain && this.ctx) this.gain.gain.setTargetAtTime(v, this.ctx.currentTime, 0.01);
  }

  getVolume(): number {
    return this.volume;
  }

  /** The output path's own delay in seconds (buffering + device), reported by the browser; 0 before first use. */
  outputLatency(): { base: number; output: number } {
    return { base: this.ctx?.baseLatency ?? 0, output: this.ctx?.outputLatency ?? 0 };
  }

  /** Whether the output clock is running (used by tests to prove sound is actually being rendered). */
  contextTime(): number {
    return this.ctx?.currentTime ?? 0;
  }
}
