// Child process for crash.test.ts: commits a small batch, says "ready", then writes one huge batch until killed.
import { openLibraryDb } from '../../src/main/store/index.js';

const [file, countArg] = process.argv.slice(2);
const lib = openLibraryDb(file);
const root = lib.roots.add('/crash');
const row = (i: number, prefix: string) => ({ rootId: root.id, path: `/crash/${prefix}/${i}.wav`, relPath: `${prefix}/${i}.wav`, name: `${prefix} sample ${i}.wav`, ext: 'wav', sizeBytes: i, mtimeMs: i + 0.25 });
lib.samples.indexBatch(Array.from({ length: 1000 }, (_, i) => row(i, 'first')));
process.stdout.write('ready\n');
lib.samples.indexBatch(Array.from({ length: Number(countArg) }, (_, i) => row(i, 'big')));
process.stdout.write('done\n');
lib.close();
