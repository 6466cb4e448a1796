// Typed arrays in and out of SQLite BLOBs. Results hold Float32Arrays (peaks, vectors) that JSON would bloat 4x
// and round badly, so each analyzer result is stored as JSON with its arrays packed into one binary column.
// Byte order is the platform's (little-endian on every machine Sonoteca runs on).

/** Views the array's own bytes (respecting byteOffset) without copying; SQLite copies on bind. */
export function float32ToBuffer(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** Copies into a fresh, aligned Float32Array: a Buffer from SQLite may start at any byte offset. */
export function bufferToFloat32(buf: Uint8Array): Float32Array {
  if (buf.byteLength % 4 !== 0) throw new Error(`a Float32 BLOB must be a multiple of 4 bytes, got ${buf.byteLength}`);
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

type TypedKind = 'f32' | 'f64' | 'i32' | 'u8';
interface ArrayRef { $typed: TypedKind; o: number; n: number }


const CTORS = { f32: Float32Array, f64: Float64Array, i32: Int32Array, u8: Uint8Array } as const;

function kindOf(value: unknown): TypedKind | null {
  if (value instanceof Float32Array) return 'f32';
  if (value instanceof Float64Array) return 'f64';
  if (value instanceof Int32Array) return 'i32';
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return 'u8';
  return null;
}

/** Splits a value into JSON (typed arrays replaced by references) and one BLOB holding the arrays, 8-byte aligned. */
export function encodeWithArrays(value: unknown): { json: string; arrays: Buffer | null } {
  const parts: Uint8Array[] = [];
  let size = 0;
  const json = JSON.stringify(value, (_key: string, v: unknown) => {
    // JSON would turn -Infinity (the loudness of silence) and NaN into null.
    if (typeof v === 'number' && !Number.isFinite(v)) return { $num: String(v) };
    const kind = kindOf(v);
    if (!kind) return v;
    const arr = v as Float32Array | Float64Array | Int32Array | Uint8Array;
    const pad = (8 - (size % 8)) % 8;
    if (pad) {
      parts.push(new Uint8Array(pad));
      size += pad;
    }
    const ref: ArrayRef = { $typed: kind, o: size, n: arr.length };
    parts.push(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    size += arr.byteLength;
    return ref;
  });
  if (!parts.length) return { json, arrays: null };
  return { json, arrays: Buffer.concat(parts, size) };
}

export function decodeWithArrays<T>(json: string, arrays: Uint8Array | null): T {
  return JSON.parse(json, (_key, v: unknown) => {
    if (v && typeof v === 'object' && '$num' in v) return Number((v as { $num: string }).$num);
    if (v && typeof v === 'object' && '$typed' in v) {
      const ref = v as ArrayRef;
      const Ctor = CTORS[ref.$typed];
      if (!Ctor || !arrays) throw new Error(`stored analysis refers to a missing ${ref.$typed} array`);
      const bytes = ref.n * Ctor.BYTES_PER_ELEMENT;
      if (ref.o + bytes > arrays.byteLength) throw new Error('stored analysis array runs past its BLOB');
      const out = new Ctor(ref.n);
      new Uint8Array(out.buffer).set(arrays.subarray(ref.o, ref.o + bytes));
      return out;
    }
    return v;
  }) as T;
}
