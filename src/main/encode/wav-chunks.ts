// Builds the WAV metadata chunks export needs (smpl, acid, LIST INFO, bext) from EmbeddedMetadata.
import type { EmbeddedMetadata } from '../../shared/model/audio.js';

function chunk(id: string, body: Uint8Array): Buffer {
  const pad = body.length & 1;
  const out = Buffer.alloc(8 + body.length + pad);
  out.write(id, 0, 'latin1');
  out.writeUInt32LE(body.length, 4);
  out.set(body, 8);
  return out;
}

export function smplChunk(meta: EmbeddedMetadata, sampleRate: number): Buffer | null {
  if (meta.rootNote === undefined && !meta.loopPoints?.length) return null;
  const loops = meta.loopPoints ?? [];
  const b = Buffer.alloc(36 + loops.length * 24);
  b.writeUInt32LE(Math.round(1e9 / sampleRate), 8);
  b.writeUInt32LE(meta.rootNote ?? 60, 12);
  b.writeUInt32LE(loops.length, 28);
  loops.forEach((l, i) => {
    const p = 36 + i * 24;
    b.writeUInt32LE(i, p);
    b.writeUInt32LE(0, p + 4); // forward loop
    b.writeUInt32LE(l.start, p + 8);
    b.writeUInt32LE(l.end, p + 12);
  });
  return chunk('smpl', b);
}

export function acidChunk(meta: EmbeddedMetadata): Buffer | null {
  if (meta.bpm === undefined && meta.loop === undefined && meta.beats === undefined && meta.rootNote === undefined) return null;
  const b = Buffer.alloc(24);
  let flags = 0;
  if (meta.loop === false) flags |= 0x01;
  if (meta.rootNote !== undefined) flags |= 0x02;
  b.writeUInt32LE(flags, 0);
  b.writeUInt16LE(meta.rootNote ?? 60, 4);
  b.writeUInt32LE(meta.beats ?? 0, 12);
  b.writeUInt16LE(4, 16); // meter 4/4
  b.writeUInt16LE(4, 18);
  b.writeFloatLE(meta.bpm ?? 0, 20);
  return chunk('acid', b);
}

const INFO_IDS: [keyof EmbeddedMetadata, string][] = [['title', 'INAM'], ['artist', 'IART'], ['album', 'IPRD'], ['genre', 'IGNR'], ['comment', 'ICMT'], ['software', 'ISFT']];

/**
 * Typed fields, then any other INFO item carried in `raw` ('INFO.IKEY' keywords, 'INFO.ISBJ' subject…) so a file's
 * vendor tags survive a round trip; raw items a typed field already wrote are not repeated.
 */
export function listInfoChunk(meta: EmbeddedMetadata): Buffer | null {
  const parts: Buffer[] = [];
  const written = new Set<string>();
  for (const [field, id] of INFO_IDS) {
    const v = meta[field];
    if (typeof v === 'string' && v) {
      parts.push(chunk(id, Buffer.from(`${v}\0`, 'utf8')));
      written.add(id);
    }
  }
  for (const [key, v] of Object.entries(meta.raw ?? {})) {
    const id = /^INFO\.([A-Z0-9 ]{4})$/.exec(key)?.[1];
    if (id && v && !written.has(id)) {
      parts.push(chunk(id, Buffer.from(`${v}\0`, 'utf8')));
      written.add(id);
    }
  }
  if (!parts.length) return null;
  return chunk('LIST', Buffer.concat([Buffer.from('INFO', 'latin1'), ...parts]));
}

export function bextChunk(meta: EmbeddedMetadata): Buffer | null {
  if (!meta.description && !meta.originator) return null;
  const b = Buffer.alloc(602);
  Buffer.from(meta.description ?? '', 'utf8').copy(b, 0, 0, 256);
  Buffer.from(meta.originator ?? '', 'utf8').copy(b, 256, 0, 32);
  b.writeUInt16LE(1, 346); // BWF version 1
  return chunk('bext', b);
}

export function metadataChunks(meta: EmbeddedMetadata | undefined, sampleRate: number): Buffer[] {
  if (!meta) return [];
  return [bextChunk(meta), smplChunk(meta, sampleRate), acidChunk(meta), listInfoChunk(meta)].filter((c): c is Buffer => c !== null);
}
