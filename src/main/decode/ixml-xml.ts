// A small, forgiving XML reader for the iXML chunks recorders and sound-library tools write. It never throws: a
// truncated chunk, a missing closing tag, a stray '<' or binary padding yields the elements that could be read.
// It keeps only what metadata needs (element names, their text, their children); attributes are skipped.

export interface XmlElement {
  /** Element name as written ('' for the document node). */
  name: string;
  /** Text directly inside the element (CDATA included), entities decoded, untrimmed. */
  text: string;
  children: XmlElement[];
}

/** Bounds that keep a hostile or corrupt chunk from costing more than a real one. */
const MAX_DEPTH = 64;
const MAX_ELEMENTS = 20000;

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** '&amp;' '&#233;' '&#xE9;' → characters; an unknown or invalid reference stays as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : whole;
  });
}

/** Where a tag that opened before `from` ends: the index of its '>', or of a '<' that cuts it short, or -1 at EOF. */
function tagEnd(src: string, from: number): { at: number; closed: boolean } {
  let quote = '';
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '>') return { at: i, closed: true };
    // A '<' outside quotes means the tag was never finished ("<USER<CATEGORY>"): end it here, reread the '<'.
    else if (c === '<') return { at: i, closed: false };
  }
  return { at: -1, closed: false };
}

/** The end of a '<!…>' declaration, stepping over a DOCTYPE's bracketed internal subset. */
function declarationEnd(src: string, from: number): number {
  let depth = 0;
  for (let i = from; i < src.length; i++) {
    if (src[i] === '[') depth++;
    else if (src[i] === ']') depth = Math.max(0, depth - 1);
    else if (src[i] === '>' && depth === 0) return i;
  }
  return -1;
}

const NAME_START = /[A-Za-z_:\u00c0-\uffff]/;

/** Parses `src` into a document node whose children are the top-level elements. */
export function parseXml(src: string): XmlElement {
  const doc: XmlElement = { name: '', text: '', children: [] };
  const stack: XmlElement[] = [doc];
  let count = 0;
  let i = 0;
  const top = () => stack[stack.length - 1]!;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt < 0) { top().text += decodeEntities(src.slice(i)); break; }
    if (lt > i) top().text += decodeEntities(src.slice(i, lt));
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      i = end < 0 ? src.length : end + 3;
      continue;
    }
    if (src.startsWith('<![CDATA[', lt)) {
      const end = src.indexOf(']]>', lt + 9);
      top().text += src.slice(lt + 9, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end + 3;
      continue;
    }
    const next = src[lt + 1] ?? '';
    if (next === '?') {
      const end = src.indexOf('?>', lt + 2);
      i = end < 0 ? src.length : end + 2;
      continue;
    }
    if (next === '!') {
      const end = declarationEnd(src, lt + 2);
      i = end < 0 ? src.length : end + 1;
      continue;
    }
    const closing = next === '/';
    // "a < b" in text is invalid XML but real: a '<' that starts no name is just a character.
    if (!NAME_START.test(src[closing ? lt + 2 : lt + 1] ?? '')) {
      top().text += '<';
      i = lt + 1;
      continue;
    }
    const end = tagEnd(src, lt + 1);
    if (end.at < 0) break; // the chunk ends inside a tag: keep everything before it
    const body = src.slice(lt + 1, end.at);
    i = end.closed ? end.at + 1 : end.at;
    const name = /^\/?\s*([^\s/>]+)/.exec(body)?.[1] ?? '';
    if (closing) {
      // Close the nearest open element of that name (and any left open inside it); a stray close tag is ignored.
      for (let d = stack.length - 1; d > 0; d--) {
        if (stack[d]!.name === name) { stack.length = d; break; }
      }
      continue;
    }
    if (++count > MAX_ELEMENTS) break;
    const el: XmlElement = { name, text: '', children: [] };
    top().children.push(el);
    if (!body.trimEnd().endsWith('/') && stack.length < MAX_DEPTH) stack.push(el);
  }
  return doc;
}
