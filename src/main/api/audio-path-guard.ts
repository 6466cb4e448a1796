// The one gate between a URL and the disk: audio is served only from inside the library's roots. Both the
// browser-mode host and Electron's custom protocol go through it, so a crafted URL can never read ~/.ssh.
import { posix, win32 } from 'node:path';
import { realpath as fsRealpath } from 'node:fs/promises';

export type GuardResult =
  | { ok: true; path: string; root: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

export interface GuardOptions {
  /** The input came from a URL and is percent-encoded once. */
  encoded?: boolean;
  platform?: 'posix' | 'win32';
}

const deny = (status: 400 | 403 | 404, reason: string): GuardResult => ({ ok: false, status, reason });

/**
 * Pure lexical check (no disk access): decodes once, rejects NUL, control characters, double encoding, `.`/`..`
 * segments and relative paths, and requires the result to lie inside one of `roots`.
 */
export function guardAudioPath(raw: string, roots: readonly string[], opts: GuardOptions = {}): GuardResult {
  const path = opts.platform === 'win32' ? win32 : posix;
  let candidate = raw;
  if (opts.encoded) {
    try {
      candidate = decodeURIComponent(raw);
    } catch {
      return deny(400, 'malformed percent-encoding in audio path');
    }
    // What is still percent-encoded after one decode was encoded twice: a classic way to smuggle "../" past a check.
    if (/%[0-9a-f]{2}/i.test(candidate)) return deny(400, 'double-encoded audio path refused');
  }
  if (candidate.includes('\0')) return deny(400, 'NUL byte in audio path');
  if (/[\x01-\x1f\x7f]/.test(candidate)) return deny(400, 'control character in audio path');
  if (!path.isAbsolute(candidate)) return deny(400, 'audio path must be absolute');
  const segments = candidate.split(opts.platform === 'win32' ? /[\\/]+/ : /\/+/);
  if (segments.some((s) => s === '..' || s === '.')) return deny(403, 'path traversal ("." or "..") refused');
  const normalised = path.normalize(candidate);
  const root = findRoot(normalised, roots, opts.platform ?? 'posix');
  if (!root) return deny(403, 'audio path is outside the library folders');
  return { ok: true, path: normalised, root };
}

function findRoot(file: string, roots: readonly string[], platform: 'posix' | 'win32'): string | null {
  const path = platform === 'win32' ? win32 : posix;
  const fold = (s: string) => (platform === 'win32' ? s.toLowerCase() : s);
  const f = fold(file);
  for (const r of roots) {
    if (!r || !path.isAbsolute(r)) continue;
    const root = path.normalize(r).replace(/[\\/]+$/, '') || path.sep;
    const rf = fold(root);
    const prefix = rf.endsWith(path.sep) ? rf : rf + path.sep;
    if (f.startsWith(prefix) && f.length > prefix.length) return root;
  }
  return null;
}

/**
 * Lexical check plus the disk check a lexical check cannot do: resolves symlinks and requires the real file to
 * still be inside a (real) root, so a link inside a root pointing at /etc/passwd is refused.
 */
export async function confineToRoots(
  raw: string,
  roots: readonly string[],
  opts: GuardOptions & { realpath?: (p: string) => Promise<string> } = {},
): Promise<GuardResult> {
  const lexical = guardAudioPath(raw, roots, opts);
  if (!lexical.ok) return lexical;
  const realpath = opts.realpath ?? fsRealpath;
  let real: string;
  try {
    real = await realpath(lexical.path);
  } catch {
    return deny(404, 'audio file not found');
  }
  const realRoots: string[] = [];
  for (const r of roots) {
    try {
      realRoots.push(await realpath(r));
    } catch {
      // A root that vanished cannot contain anything.
    }
  }
  const confined = findRoot(real, realRoots, opts.platform ?? 'posix');
  if (!confined) return deny(403, 'audio path resolves (through a link) outside the library folders');
  return { ok: true, path: real, root: confined };
}
