// Typed arrays to BLOBs and back: views at offsets, odd alignments, non-finite numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { float32ToBuffer, bufferToFloat32 } from '../../src/main/store/index.js';
import { encodeWithArrays, decodeWithArrays } from '../../src/main/store/typed-blob.js';

test('a Float32Array view stores only its own bytes and comes back equal', () => {
  const backing = new Float32Array([9, 9, 1.5, -2.25, 3e-8, 9]);
  const view = backing.subarray(2, 5);
  const buf = float32ToBuffer(view);
  assert.equal(buf.byteLength, 12);
  assert.deepEqual([...bufferToFloat32(buf)], [1.5, -2.25, Math.fround(3e-8)]);
  // A Buffer starting at an odd offset (as SQLite may hand back) is copied, not reinterpreted.
  const odd = Buffer.alloc(13);
  buf.copy(odd, 1);
  assert.deepEqual([...bufferToFloat32(odd.subarray(1))], [1.5, -2.25, Math.fround(3e-8)]);
  assert.throws(() => bufferToFloat32(Buffer.alloc(7)), /multiple of 4/);
});

test('nested results with several typed arrays and non-finite numbers round-trip', () => {
  const value = {
    overview: { framesPerPeak: 10, min: new Float32Array([-1, -0.5]), max: new Float32Array([1, 0.5, 0.25]) },
    f64: new Float64Array([Math.PI]),
    ints: new Int32Array([-3, 7]),
    bytes: new Uint8Array([1, 2, 3]),
    lufs: -Infinity,
    nan: NaN,
    plain: [1, 2, 3],
  };
  const { json, arrays } = encodeWithArrays(value);
  assert.ok(arrays);
  assert.ok(!json.includes('"0":'), 'arrays are not spelled out in JSON');
  const back = decodeWithArrays<typeof value>(json, arrays);
  assert.deepEqual(back, value);
  assert.ok(back.f64 instanceof Float64Array && back.ints instanceof Int32Array && back.bytes instanceof Uint8Array);
  assert.equal(encodeWithArrays({ a: 1 }).arrays, null);
  assert.throws(() => decodeWithArrays(json, arrays.subarray(0, 4)), /runs past/);
});
