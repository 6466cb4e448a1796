import { readFileSync, writeFileSync } from 'node:fs';
import { openAudio } from '/work/main/src/main/decode/open-audio.js';
for (const f of ['flac','mp3','ogg']) {
  const b = Buffer.from(readFileSync(`/tmp/dtest/long.${f}`)); const n = b.length;
  const mid = Buffer.from(b); for (let i = Math.floor(n/3); i < 2*Math.floor(n/3); i++) mid[i] = (i*7919)>>3 & 255;
  writeFileSync(`/tmp/dtest/mid.${f}`, mid); writeFileSync(`/tmp/dtest/cut.${f}`, b.subarray(0, n/2|0));
  for (const p of [`/tmp/dtest/mid.${f}`, `/tmp/dtest/cut.${f}`]) {
    try { const s = await openAudio(p); let fr = 0; for await (const bl of s.blocks()) fr += bl[0].length; console.log(p, 'OK', fr, s.info.frames); await s.close(); } catch (e) { console.log(p, e.code, e.message); }
  }
}
