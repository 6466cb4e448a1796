// Cheap decoder reuse: the wasm decoder packages reset by instantiating a whole new wasm module (~2 ms, plus a
// fresh wasm Memory that only GC reclaims, which dominated lossy one-shot decoding). Recreating just the codec's
// state inside the existing instance gives the same fresh decoder for a fraction of that.
//
// This reaches into the packages' internals (pinned in package-lock: flac 0.2.x, mpg123 1.0.x), so every hook is
// feature-checked first; if a field is missing the package's own (slow) reset stays in place. Vorbis is left out:
// its build's destroy_decoder/create_decoder pair does not give a reusable decoder (out-of-bounds access on reuse).

/** The inner emscripten module functions we call, as the packages name them. */
interface WasmExports {
  create_decoder?: (...ptrs: number[]) => number;
  destroy_decoder?: (decoder: number) => void;
  mpeg_frame_decoder_create?: (decoderPtrPtr: number, gapless: number) => number;
  mpeg_frame_decoder_destroy?: (decoder: number) => void;
  free?: (ptr: number) => void;
}

interface Slot { ptr: number; buf: { [i: number]: number } }

/** The inner per-instance decoder object of all three packages (fields differ per codec). */
interface InnerDecoder {
  _common?: { wasm?: WasmExports };
  _decoder?: number;
  reset?: () => Promise<void>;
  [field: string]: unknown;
}

function slot(d: InnerDecoder, name: string): Slot | null {
  const s = d[name] as Slot | undefined;
  return s && typeof s.ptr === 'number' && s.buf ? s : null;
}

function slots(d: InnerDecoder, names: string[]): Slot[] | null {
  const out: Slot[] = [];
  for (const n of names) {
    const s = slot(d, n);
    if (!s) return null;
    out.push(s);
  }
  return out;
}

/** Counters every package keeps for error positions; they restart with each stream. */
function zeroCounters(d: InnerDecoder): void {
  d._inputBytes = 0;
  d._outputSamples = 0;
  d._frameNumber = 0;
}

const FLAC_SLOTS = ['_channels', '_sampleRate', '_bitsPerSample', '_samplesDecoded', '_outputBufferPtr', '_outputBufferLen', '_errorStringPtr', '_stateStringPtr'];

/**
 * Replaces the inner decoder's reset with an in-place one. `outer` is the package's public decoder object (its
 * `_decoder` field holds the inner one for FLAC; for MP3 the public object is itself the inner one).
 * Returns whether the fast path was installed.
 */
export function installSoftReset(outer: object, codec: 'flac' | 'mp3'): boolean {
  if (process.env.NO_SOFT) return false;
  const inner = (codec === 'mp3' ? outer : (outer as { _decoder?: unknown })._decoder) as InnerDecoder | undefined;
  const wasm = inner?._common?.wasm;
  if (!inner || !wasm || typeof inner.reset !== 'function' || typeof inner._decoder !== 'number') return false;
  let recreate: (() => void) | null = null;
  if (codec === 'flac') {
    const ptrs = slots(inner, FLAC_SLOTS);
    const { create_decoder: create, destroy_decoder: destroy } = wasm;
    if (!ptrs || !create || !destroy) return false;
    recreate = () => {
      destroy(inner._decoder!);
      inner._decoder = create(...ptrs.map((s) => s.ptr));
    };
  } else {
    // mpg123 writes the new handle through a pointer; the samples-decoded slot is scratch between reads.
    const scratch = slot(inner, '_samplesDecodedPtr');
    const { mpeg_frame_decoder_create: create, mpeg_frame_decoder_destroy: destroy, free } = wasm;
    if (!scratch || !create || !destroy || !free) return false;
    recreate = () => {
      destroy(inner._decoder!);
      free(inner._decoder!);
      const err = create(scratch.ptr, 1); // gapless on, the package's default
      if (err) throw new Error(`mpg123 decoder could not be recreated (error ${err})`);
      inner._decoder = scratch.buf[0];
      scratch.buf[0] = 0;
      inner._sampleRate = 0;
    };
  }
  const rebuild = recreate;
  // A failure here rejects like the package's own reset would; the pool then frees the decoder instead of keeping it.
  inner.reset = async () => {
    rebuild();
    zeroCounters(inner);
  };
  return true;
}
