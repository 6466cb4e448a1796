// Content hash of the decoded audio: 16-bit quantised interleaved PCM, so the same audio as WAV or FLAC hashes equal.
import { createHash } from 'node:crypto';
import type { AnalyzerSpec } from './analyzer.js';

/** Quantisation scratch, shared: each block is hashed before process returns. */
let scratch = new Int16Array(0);

export const fingerprintSpec: AnalyzerSpec<'fingerprint'> = {
  id: 'fingerprint',
  version: 1,
  deps: [],
  needs: {},
  begin(ctx) {
    const hash = createHash('sha256');
    hash.update(`sonoteca-pcm16:${ctx.sampleRate}:${ctx.channels}:`);
    let frames = 0;
    return {
      id: 'fingerprint',
      process(block, n) {
        const ch = block.length;
        if (scratch.length < n * ch) scratch = new Int16Array(n * ch);
        if (ch === 2) {
          // Stereo, the common case: interleave both channels in one sequential pass.
          const l = block[0], r = block[1];
          for (let i = 0, j = 0; i < n; i++, j += 2) {
            const ql = ((l[i] * 32768 + 32768.5) | 0) - 32768;
            const qr = ((r[i] * 32768 + 32768.5) | 0) - 32768;
            scratch[j] = ql > 32767 ? 32767 : ql < -32768 ? -32768 : ql;
            scratch[j + 1] = qr > 32767 ? 32767 : qr < -32768 ? -32768 : qr;
          }
        } else for (let c = 0; c < ch; c++) {
          const x = block[c];
          for (let i = 0, j = c; i < n; i++, j += ch) {
            // Same rounding a 16-bit decoder's s/32768 inverts exactly; floor via |0 on a positive value = Math.round.
            const q = ((x[i] * 32768 + 32768.5) | 0) - 32768;
            scratch[j] = q > 32767 ? 32767 : q < -32768 ? -32768 : q;
          }
        }
        hash.update(scratch.subarray(0, n * ch));
        frames += n;
      },
      finish(fc) {
        return { pcmHash: hash.digest('hex'), frames, durationSec: fc.durationSec };
      },
    };
  },
};
