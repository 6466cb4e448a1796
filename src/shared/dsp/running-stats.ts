// Welford running mean/variance, so statistics over any number of frames need constant memory.

export class RunningStats {
  count = 0;
  private m = 0;
  private s = 0;

  push(x: number): void {
    this.count++;
    const d = x - this.m;
    this.m += d / this.count;
    this.s += d * (x - this.m);
  }

  get mean(): number {
    return this.count ? this.m : 0;
  }

  /** Population standard deviation. */
  get std(): number {
    return this.count > 1 ? Math.sqrt(this.s / this.count) : 0;
  }

  reset(): void {
    this.count = 0;
    this.m = 0;
    this.s = 0;
  }
}
