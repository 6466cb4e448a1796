// Orthonormal DCT-II as a precomputed matrix: MFCCs need only the first ~13 of ~40 outputs, so a matrix beats a fast DCT.

export class Dct {
  readonly inputs: number;
  readonly outputs: number;
  private readonly m: Float32Array;

  constructor(inputs: number, outputs = inputs) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.m = new Float32Array(inputs * outputs);
    for (let k = 0; k < outputs; k++) {
      const scale = k === 0 ? Math.sqrt(1 / inputs) : Math.sqrt(2 / inputs);
      for (let n = 0; n < inputs; n++) this.m[k * inputs + n] = scale * Math.cos((Math.PI * k * (2 * n + 1)) / (2 * inputs));
    }
  }

  apply(input: ArrayLike<number>, out: Float32Array): void {
    const n = this.inputs;
    const m = this.m;
    for (let k = 0; k < this.outputs; k++) {
      let acc = 0;
      const row = k * n;
      for (let i = 0; i < n; i++) acc += m[row + i] * input[i];
      out[k] = acc;
    }
  }
}
