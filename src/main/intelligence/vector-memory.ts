// Contiguous float storage plus the one hot kernel of every vector search: squared L2 distances from one query to a
// run of rows. The kernel is a tiny WebAssembly SIMD module (assembled here, byte by byte, so there is no build
// step and no binary blob): 4–6× a tuned scalar JS loop here, ~15× the plain one. A JS loop over the same memory is
// the fallback where WebAssembly SIMD is missing.

/** Rows are padded to a multiple of this many floats (zeros add nothing to a distance) so SIMD needs no tail loop. */
export const ROW_ALIGN = 8;

export const paddedDim = (dim: number): number => Math.ceil(dim / ROW_ALIGN) * ROW_ALIGN;

const PAGE = 65536;

export type KernelKind = 'simd' | 'js';

// The project compiles against ES2022 + Node types, which declare no WebAssembly global: type the few parts used.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (d: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  validate(bytes: Uint8Array): boolean;
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

interface Kernels {
  l2(q: number, base: number, rows: number, rowBytes: number, out: number): void;
  l2w(q: number, base: number, rows: number, rowBytes: number, out: number, w: number): void;
}

/** A growable Float32Array (WebAssembly memory when SIMD is available) with batched distance kernels. */
export class VectorMemory {
  private memory: WasmMemory | null;
  private buffer: ArrayBuffer;
  private kernels: Kernels | null;
  f32: Float32Array;

  constructor(floats: number, kind: KernelKind = simdAvailable() ? 'simd' : 'js') {
    const bytes = Math.max(PAGE, floats * 4);
    if (kind === 'simd' && simdAvailable()) {
      this.memory = new wasm!.Memory({ initial: Math.ceil(bytes / PAGE) });
      const inst = new wasm!.Instance(kernelModule(), { env: { mem: this.memory } });
      this.kernels = inst.exports as unknown as Kernels;
      this.buffer = this.memory.buffer;
    } else {
      this.memory = null;
      this.kernels = null;
      this.buffer = new ArrayBuffer(Math.ceil(bytes / PAGE) * PAGE);
    }
    this.f32 = new Float32Array(this.buffer);
  }

  get kind(): KernelKind {
    return this.kernels ? 'simd' : 'js';
  }

  get bytes(): number {
    return this.buffer.byteLength;
  }

  /** Makes room for at least `floats` floats; existing contents are kept, but `f32` is a new view afterwards. */
  ensure(floats: number): void {
    if (floats <= this.f32.length) return;
    const want = Math.max(floats * 4, Math.min(this.buffer.byteLength * 2, this.buffer.byteLength + 256 * 2 ** 20));
    const pages = Math.ceil((want - this.buffer.byteLength) / PAGE);
    if (this.memory) {
      try {
        this.memory.grow(pages);
      } catch (e) {
        // WebAssembly memory stops at 4 GB: about 8 million 128-dim vectors in one index.
        throw new Error(`vector memory cannot grow to ${((this.buffer.byteLength + pages * PAGE) / 2 ** 20).toFixed(0)} MB: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.buffer = this.memory.buffer;
    } else {
      const next = new ArrayBuffer(this.buffer.byteLength + pages * PAGE);
      new Uint8Array(next).set(new Uint8Array(this.buffer));
      this.buffer = next;
    }
    this.f32 = new Float32Array(this.buffer);
  }

  /** out[r] = Σ (q - row_r)² for `rows` rows of `rowFloats` (a multiple of ROW_ALIGN) floats; offsets in floats. */
  l2(q: number, base: number, rows: number, rowFloats: number, out: number): void {
    if (this.kernels) return this.kernels.l2(q * 4, base * 4, rows, rowFloats * 4, out * 4);
    const m = this.f32;
    for (let r = 0; r < rows; r++) {
      const o = base + r * rowFloats;
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < rowFloats; i += 2) {
        const d0 = m[q + i] - m[o + i];
        const d1 = m[q + i + 1] - m[o + i + 1];
        s0 += d0 * d0;
        s1 += d1 * d1;
      }
      m[out + r] = s0 + s1;
    }
  }

  /** As l2 with per-dimension weights at `w`: Σ w (q - row)². */
  l2w(q: number, base: number, rows: number, rowFloats: number, out: number, w: number): void {
    if (this.kernels) return this.kernels.l2w(q * 4, base * 4, rows, rowFloats * 4, out * 4, w * 4);
    const m = this.f32;
    for (let r = 0; r < rows; r++) {
      const o = base + r * rowFloats;
      let s = 0;
      for (let i = 0; i < rowFloats; i++) {
        const d = m[q + i] - m[o + i];
        s += m[w + i] * d * d;
      }
      m[out + r] = s;
    }
  }
}

let simdOk: boolean | null = null;

export function simdAvailable(): boolean {
  if (simdOk === null) {
    try {
      simdOk = !!wasm && wasm.validate(kernelBytes());
    } catch {
      simdOk = false;
    }
  }
  return simdOk;
}

let compiled: object | null = null;

function kernelModule(): object {
  compiled ??= new wasm!.Module(kernelBytes());
  return compiled;
}

// ---- the module, assembled ----

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  i32const: 0x41,
  i32eqz: 0x45,
  i32ltu: 0x49,
  i32add: 0x6a,
  i32sub: 0x6b,
  f32add: 0x92,
  f32store: 0x38,
};
const simd = (code: number, ...imm: number[]) => [0xfd, ...uleb(code), ...imm];
const v128load = (offset: number) => simd(0x00, 0, ...uleb(offset));
const f32x4add = simd(228);
const f32x4sub = simd(229);
const f32x4mul = simd(230);
const lane = (i: number) => simd(0x1f, i);

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => vec([...s].map((c) => [c.charCodeAt(0)]));

/**
 * Body of l2 / l2w. Params: 0 q, 1 base, 2 rows, 3 rowBytes, 4 out, [5 w]; then locals j, d, acc0..acc{U-1}.
 * U accumulators over U×4-float steps hide the add latency.
 */
function distanceBody(weighted: boolean): number[] {
  const U = ROW_ALIGN / 4;
  const P = weighted ? 6 : 5;
  const J = P;
  const D = P + 1;
  const A = (u: number) => P + 2 + u;
  const part = (u: number) => [
    op.get, 0, op.get, J, op.i32add, ...v128load(16 * u),
    op.get, 1, op.get, J, op.i32add, ...v128load(16 * u),
    ...f32x4sub, op.tee, D, op.get, D, ...f32x4mul,
    ...(weighted ? [op.get, 5, op.get, J, op.i32add, ...v128load(16 * u), ...f32x4mul] : []),
    op.get, A(u), ...f32x4add, op.set, A(u),
  ];
  const zero = [...simd(0x0c), ...new Array<number>(16).fill(0)];
  const sumAccumulators: number[] = [op.get, A(0)];
  for (let u = 1; u < U; u++) sumAccumulators.push(op.get, A(u), ...f32x4add);
  const code = [
    op.block, 0x40,
    op.loop, 0x40,
    op.get, 2, op.i32eqz, op.brIf, 1,
    ...Array.from({ length: U }, (_, u) => [...zero, op.set, A(u)]).flat(),
    op.i32const, 0, op.set, J,
    op.loop, 0x40,
    ...Array.from({ length: U }, (_, u) => part(u)).flat(),
    op.get, J, op.i32const, ...sleb(16 * U), op.i32add, op.tee, J, op.get, 3, op.i32ltu, op.brIf, 0,
    op.end,
    op.get, 4,
    ...sumAccumulators, op.tee, D, ...lane(0),
    op.get, D, ...lane(1), op.f32add,
    op.get, D, ...lane(2), op.f32add,
    op.get, D, ...lane(3), op.f32add,
    op.f32store, 2, 0,
    op.get, 4, op.i32const, 4, op.i32add, op.set, 4,
    op.get, 1, op.get, 3, op.i32add, op.set, 1,
    op.get, 2, op.i32const, 1, op.i32sub, op.set, 2,
    op.br, 0,
    op.end,
    op.end,
    op.end,
  ];
  const locals = vec([[1, I32], [1 + U, V128]]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

let bytesCache: Uint8Array | null = null;

function kernelBytes(): Uint8Array {
  if (bytesCache) return bytesCache;
  const types = section(1, vec([
    [0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0],
    [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), 0],
  ]));
  const imports = section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]]));
  const funcs = section(3, vec([[0], [1]]));
  const exports = section(7, vec([[...name('l2'), 0x00, 0], [...name('l2w'), 0x00, 1]]));
  const code = section(10, vec([distanceBody(false), distanceBody(true)]));
  bytesCache = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...funcs, ...exports, ...code]);
  return bytesCache;
}
