// Splits sample paths into lowercase word tokens the way producers actually name files: camelCase, snake_case,
// kebab-case, dots, and digits glued to words ("Kick01", "HHOpen", "808Bass").

/** Lowercase, accents stripped ("Órgão" → "orgao"), so vocabularies need one spelling per word. */
export function foldText(s: string): string {
  // Most names are plain ASCII, which has no accents to strip: skip the Unicode work (a 100k-file index names each).
  if (ASCII.test(s)) return s.toLowerCase();
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').toLowerCase();
}

const ASCII = /^[\x00-\x7f]*$/;

/** Path segments, nearest folder last; the file's extension is dropped. */
export function splitPath(path: string): { folders: string[]; file: string } {
  const parts = path.split(/[\\/]+/).filter((p) => p.length > 0 && p !== '.');
  const last = parts.pop() ?? '';
  const dot = last.lastIndexOf('.');
  const file = dot > 0 && last.length - dot <= 6 && /^\.[a-z0-9]+$/i.test(last.slice(dot)) ? last.slice(0, dot) : last;
  return { folders: parts, file };
}

/** Word tokens of one path segment, in order. '#' stays attached so "C#" survives for key parsing elsewhere. */
export function tokenize(segment: string): string[] {
  const out: string[] = [];
  for (const chunk of segment.split(/[^\p{L}\p{N}#]+/u)) {
    if (!chunk) continue;
    // camelCase and ACRONYMWord boundaries, then letter/digit boundaries (ASCII classes when they suffice: faster).
    const spaced = ASCII.test(chunk)
      ? chunk.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2').replace(/([A-Za-z])([0-9])/g, '$1 $2').replace(/([0-9])([A-Za-z])/g, '$1 $2')
      : chunk
          .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
          .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
          .replace(/(\p{L})(\p{N})/gu, '$1 $2')
          .replace(/(\p{N})(\p{L})/gu, '$1 $2');
    for (const t of spaced.split(' ')) if (t) out.push(foldText(t));
  }
  return out;
}
