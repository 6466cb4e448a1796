// Content hash of the decoded audio: 16-bit quantised interleaved PCM, so the same audio as WAV or FLAC hashes equal.
import { createHash } from 'node:crypto';
import type { AnalyzerSpec } from './analyzer.js';

export const fingerprintSpec: AnalyzerSpec<'fingerprint'> = {
  id: 'fingerprint',
  version: 1,
  deps: [],
  needs: {},
  begin(ctx) {
    const hash = createHash('sha256');
    hash.update(`sonoteca-pcm16:${ctx.sampleRate}:${ctx.channels}:`);
    let scratch = new Int16Array(0);
    let frames = 0;
    return {
      id: 'fingerprint',
      process(block, n) {
        const ch = block.length;
        if (scratch.length < n * ch) scratch = new Int16Array(n * ch);
        for (let c = 0; c < ch; c++) {
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
