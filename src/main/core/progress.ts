// Progress with a smoothed rate and an ETA, rate-limited so a 400 files/s scan does not flood listeners.

export interface ProgressEvent {
  phase: 'index' | 'analyse' | 'export';
  done: number;
  total: number;
  ratePerSec: number;
  etaSec: number | null;
  current?: string;
}

export class ProgressMeter {
  private readonly started = Date.now();
  private lastEmit = 0;
  private rate = 0;
  private lastTick = Date.now();
  private lastDone = 0;
  done = 0;

  constructor(
    private readonly phase: ProgressEvent['phase'],
    public total: number,
    private readonly emit: (event: ProgressEvent) => void,
    private readonly everyMs = 200,
  ) {}

  tick(current?: string, increment = 1): void {
    this.done += increment;
    const now = Date.now();
    if (now - this.lastEmit >= this.everyMs || this.done >= this.total) this.flush(current, now);
  }

  flush(current?: string, now = Date.now()): void {
    const dt = (now - this.lastTick) / 1000;
    if (dt > 0.05) {
      const instant = (this.done - this.lastDone) / dt;
      // Exponential smoothing; the first reading is taken as is.
      this.rate = this.rate === 0 ? instant : this.rate * 0.7 + instant * 0.3;
      this.lastTick = now;
      this.lastDone = this.done;
    } else if (this.rate === 0 && now > this.started) {
      this.rate = this.done / Math.max(0.001, (now - this.started) / 1000);
    }
    this.lastEmit = now;
    const remaining = Math.max(0, this.total - this.done);
    this.emit({
      phase: this.phase,
      done: this.done,
      total: this.total,
      ratePerSec: this.rate,
      etaSec: this.rate > 0 ? remaining / this.rate : null,
      current,
    });
  }

  elapsedSec(): number {
    return (Date.now() - this.started) / 1000;
  }
}
