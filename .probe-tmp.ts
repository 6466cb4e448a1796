import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { MPEGDecoder } from 'mpg123-decoder';
import { readFileSync } from 'node:fs';
import { installSoftReset } from '/work/main/src/main/decode/soft-reset.js';
const root = '/work/main/.cache/bench-library-600/';
const flac = readFileSync(root + 'lofi_dust/oneshots/Strings/Strings-Violin-G2-09.flac');
const mp3 = readFileSync(root + 'Analog Dreams/Drums/Str/STRINGS_VIOLIN_F#3_40.mp3');
const largest = (w: any) => { let lo = 0, hi = 32 << 20; while (hi - lo > 4096) { const mid = (lo + hi) >> 1; const p = w.malloc(mid); if (p) { w.free(p); lo = mid; } else hi = mid; } return (lo / 2 ** 20).toFixed(2); };
const d: any = new FLACDecoder(); await d.ready; installSoftReset(d, 'flac');
const m: any = new MPEGDecoder(); await m.ready; installSoftReset(m, 'mp3');
for (let k = 0; k < 6; k++) {
  const out = await d.decode(flac); const f = await d.flush();
  const o2 = m.decode(mp3); await m.reset();
  console.log('flac samples', out.samplesDecoded + f.samplesDecoded, 'free MiB', largest(d._decoder._common.wasm), '| mp3 samples', o2.samplesDecoded, 'errors', o2.errors.length, 'free MiB', largest(m._common.wasm));
}
