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

export class AuditionPlayer {
  private ctx: AudioContext | null = null;
  private gain: GainNode | null = null;
  private source: AudioBufferSourceNode | null = null;
  private cache = new Map<number, Promise<AudioBuffer>>();
  private readonly maxCached = 48;
  private listeners = new Set<Listener>();
  private generation = 0;
  private volume = 0.8;
  state: PlayerState = { id: null, playing: false, loop: false, startedAt: 0, offset: 0, duration: 0 };
  /** Last URL actually started, for diagnostics and end-to-end tests. */
  lastStartedUrl: string | null = null;

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

  load(id: number): Promise<AudioBuffer> {
    let p = this.cache.get(id);
    if (p) {
      // Refresh LRU position.
      this.cache.delete(id);
      this.cache.set(id, p);
      return p;
    }
    const ctx = this.context();
    p = fetch(this.urlOf(id))
      .then((r) => {
        if (!r.ok) return r.text().then((t) => Promise.reject(new Error(`cannot load audio: ${t || r.status}`)));
        return r.arrayBuffer();
      })
      .then((b) => ctx.decodeAudioData(b));
    p.catch(() => this.cache.delete(id));
    this.cache.set(id, p);
    while (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value as number);
    return p;
  }

  preload(ids: number[]): void {
    for (const id of ids) void this.load(id).catch(() => {});
  }

  async play(id: number, opts: { loop?: boolean; offset?: number } = {}): Promise<void> {
    const gen = ++this.generation;
    this.stopSource();
    const buffer = await this.load(id);
    if (gen !== this.generation) return; // the user moved on while this was decoding
    const ctx = this.context();
    const src = ctx.createBufferSource();
    src.buffer = buffer;
    src.loop = !!opts.loop;
    src.connect(this.gain!);
    const offset = Math.max(0, Math.min(opts.offset ?? 0, buffer.duration - 0.001));
    src.start(0, offset);
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

  /** Whether the output clock is running (used by tests to prove sound is actually being rendered). */
  contextTime(): number {
    return this.ctx?.currentTime ?? 0;
  }
}
