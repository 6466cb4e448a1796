// Decodes the start of a file to one mono signal (channel average), for prints and embeddings that only need the
// first seconds: long loops cost no more than one-shots.
import { openAudio } from '../decode/open-audio.js';

export async function decodeMonoHead(path: string, maxSeconds = Infinity): Promise<{ mono: Float32Array; sampleRate: number; decodedAll: boolean }> {
  const source = await openAudio(path);
  try {
    const sr = source.info.sampleRate;
    const limit = Number.isFinite(maxSeconds) ? Math.ceil(maxSeconds * sr) : Infinity;
    const parts: Float32Array[] = [];
    let n = 0;
    let decodedAll = true;
    for await (const block of source.blocks()) {
      const len = block[0]?.length ?? 0;
      const take = Math.min(len, limit - n);
      const mono = new Float32Array(take);
      for (const ch of block) for (let i = 0; i < take; i++) mono[i] += ch[i] / block.length;
      parts.push(mono);
      n += take;
      if (n >= limit) {
        decodedAll = false;
        break;
      }
    }
    const mono = new Float32Array(n);
    let o = 0;
    for (const p of parts) {
      mono.set(p, o);
      o += p.length;
    }
    return { mono, sampleRate: sr, decodedAll };
  } finally {
    await source.close().catch(() => {});
  }
}
