// Turns names, labels and tags into path components that are legal on Windows, macOS and Linux and can never
// climb out of the export folder.
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export const MAX_COMPONENT_BYTES = 255;

// Characters Windows or macOS refuse in names, plus C0 controls and DEL.
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
// CON, PRN, AUX, NUL, COM0-9, LPT0-9 (and the superscript digits Windows also reserves), with or without extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const encoder = new TextEncoder();

function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

/** Cuts a string to at most maxBytes of UTF-8 without splitting a character, emoji or combining sequence. */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const { segment } of segmenter.segment(s)) {
    const n = utf8Length(segment);
    if (bytes + n > maxBytes) break;
    out += segment;
    bytes += n;
  }
  return out;
}

function cleanStem(s: string): string {
  return s
    .normalize('NFC')
    .replace(ILLEGAL, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '') // no hidden files, no '..'
    .replace(/[\s.]+$/, ''); // Windows drops trailing dots and spaces
}

/**
 * One safe path component. `ext` (without dot) is kept whole and counted inside the byte limit; the stem is
 * shortened on a grapheme boundary when the result would pass `maxBytes`.
 */
export function sanitizeComponent(raw: string, ext?: string, maxBytes = MAX_COMPONENT_BYTES): string {
  const safeExt = ext ? cleanStem(ext).replace(/\./g, '_').slice(0, 16) : '';
  const suffix = safeExt ? `.${safeExt}` : '';
  let stem = cleanStem(raw);
  const beforeDot = stem.split('.')[0].trimEnd();
  if (RESERVED.test(beforeDot)) stem = `_${stem}`;
  if (!stem) stem = '_';
  stem = truncateUtf8(stem, maxBytes - utf8Length(suffix)).replace(/[\s.]+$/, '');
  if (!stem) stem = '_';
  return stem + suffix;
}

/** Sanitises every component of a '/'-separated relative path; empty components (from empty tokens) vanish. */
export function sanitizeRelPath(raw: string, ext: string): string {
  const parts = raw.split(/[/\\]+/).map((p) => p.trim()).filter((p) => p && p !== '.' && p !== '..');
  if (!parts.length) parts.push('_');
  const last = parts.pop() as string;
  return [...parts.map((p) => sanitizeComponent(p)), sanitizeComponent(last, ext)].join('/');
}

/** True when `candidate` (absolute) is `root` or lies below it, lexically. */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(resolve(root), resolve(candidate));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'));
}

/**
 * Checks after resolving symlinks: the deepest existing ancestor of `target` must resolve inside the real
 * destination, so a symlinked subfolder cannot redirect writes elsewhere.
 */
export function assertResolvesInside(root: string, target: string): void {
  const realRoot = realpathSync(root);
  let probe = target;
  for (;;) {
    try {
      const real = realpathSync(probe);
      if (!isInside(realRoot, real)) throw new Error(`refusing to write '${target}': it resolves to '${real}', outside the export folder '${realRoot}'`);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      const up = dirname(probe);
      if (up === probe) throw new Error(`export folder '${root}' does not exist`);
      probe = up;
    }
  }
}
