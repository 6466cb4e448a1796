// Parses an HTTP Range header for one file, shared by the HTTP host and Electron's audio protocol.

export type RangeResult =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/** Supports `bytes=a-b`, `bytes=a-` and `bytes=-n`; several ranges are answered with the first only. */
export function parseByteRange(header: string | undefined | null, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*(?:,.*)?$/i.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'unsatisfiable' };
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return { kind: 'unsatisfiable' };
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start > end || start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

export const AUDIO_MIME: Readonly<Record<string, string>> = {
  wav: 'audio/wav', wave: 'audio/wav', bwf: 'audio/wav',
  aif: 'audio/aiff', aiff: 'audio/aiff', aifc: 'audio/aiff',
  flac: 'audio/flac', mp3: 'audio/mpeg', ogg: 'audio/ogg', oga: 'audio/ogg',
};

export function audioMime(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return AUDIO_MIME[ext] ?? 'application/octet-stream';
}
