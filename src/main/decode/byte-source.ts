// Random access to a file's bytes: small files live in memory after one read, large ones are read on demand through a
// FileHandle so a one-hour WAV never sits in memory whole.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** Files up to this size are read in one go; the hot path (one-shots) then never touches the disk twice. */
export const WHOLE_FILE_LIMIT = 8 * 1024 * 1024;
/** Size of one streaming read for larger files. */
export const STREAM_READ_BYTES = 1024 * 1024;

export interface ByteSource {
  readonly size: number;
  /** Bytes [offset, offset+length) clipped to the file end. The result may be a view; copy it to keep it. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function bytesFromBuffer(buf: Uint8Array): ByteSource {
  return {
    size: buf.length,
    async read(offset, length) {
      return buf.subarray(Math.min(offset, buf.length), Math.min(buf.length, offset + length));
    },
    async close() {},
  };
}

function bytesFromHandle(fh: FileHandle, size: number): ByteSource {
  let closed = false;
  return {
    size,
    async read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const out = Buffer.allocUnsafe(n);
      let got = 0;
      while (got < n) {
        const { bytesRead } = await fh.read(out, got, n - got, offset + got);
        if (bytesRead === 0) break; // file shrank under us: hand back what exists
        got += bytesRead;
      }
      return got === n ? out : out.subarray(0, got);
    },
    async close() {
      if (closed) return;
      closed = true;
      await fh.close();
    },
  };
}

/** Opens a file for decoding, choosing in-memory or streamed access by size. */
export async function openBytes(path: string): Promise<ByteSource> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size <= WHOLE_FILE_LIMIT) {
      // One read of the known size; readFile(fh) would probe for EOF with extra reads.
      const buf = Buffer.allocUnsafe(size);
      let got = 0;
      while (got < size) {
        const { bytesRead } = await fh.read(buf, got, size - got, got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      await fh.close();
      return bytesFromBuffer(got === size ? buf : buf.subarray(0, got));
    }
    return bytesFromHandle(fh, size);
  } catch (err) {
    await fh.close().catch(() => {});
    throw err;
  }
}
