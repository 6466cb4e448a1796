// Streams one file with Range support (206 partial content), which <audio> seeking and our fetches rely on.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { parseByteRange } from '../api/byte-range.js';

export async function sendFile(res: ServerResponse, path: string, contentType: string, rangeHeader: string | undefined, extraHeaders: Record<string, string> = {}): Promise<void> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders });
    res.end('file not found');
    return;
  }
  const range = parseByteRange(rangeHeader, size);
  const base = { 'Content-Type': contentType, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-cache', ...extraHeaders };
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...base, 'Content-Range': `bytes */${size}` });
    res.end();
    return;
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
  res.writeHead(range.kind === 'partial' ? 206 : 200, {
    ...base,
    'Content-Length': String(size === 0 ? 0 : end - start + 1),
    ...(range.kind === 'partial' ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (size === 0) {
    res.end();
    return;
  }
  const stream = createReadStream(path, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
