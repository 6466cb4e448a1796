// Reads the iXML chunk (UTF-8 XML in a WAV) that sound-effects tools and recorders write: Soundminer/BaseHead/Reaper
// <USER> fields, the ASWG block (UCS category and CatID, fxName, tempo, key, loop…), the <BEXT> mirror and <NOTE>.
// Every field goes to raw as IXML.<BLOCK>.<FIELD>; the ones that say what a sound is fill EmbeddedMetadata.
import type { EmbeddedMetadata } from '../../shared/model/audio.js';
import { parseXml, type XmlElement } from './ixml-xml.js';
import { addGenres, setBpm, setKey, setLoop, setRaw, setText, splitGenres, type TextField } from './metadata-fields.js';

/**
 * A recorder's iXML can list hundreds of tracks and a long history; raw keeps the first of them, clipped, so one
 * file's tags stay a few kilobytes in the library database.
 */
const MAX_FIELDS = 400;
const MAX_VALUE = 4000;
const MAX_TOTAL = 32000;

/** Blocks whose fields are flat name/value pairs: a field keeps its own name even if a missing close tag nested it. */
const FLAT_BLOCKS = new Set(['USER', 'ASWG', 'BEXT']);

export interface IxmlField {
  /** Top-level element ('USER', 'ASWG', 'NOTE', 'TAKE'…), as written. */
  block: string;
  /** 'IXML.USER.CATEGORY', 'IXML.ASWG.catId', 'IXML.SPEED.TIMECODE_RATE'. */
  key: string;
  /** Field name, lower-case, without '_' or '-' ('catid', 'bwfdescription'). */
  name: string;
  value: string;
}

/** Field name as compared: 'CAT_ID', 'catId' and 'CATID' are one field. */
const norm = (name: string) => name.toLowerCase().replace(/[_\-\s]/g, '');

const utf8 = new TextDecoder('utf-8');

/** The chunk's text: UTF-8 (BOM dropped), cut at the first NUL, since writers pad the chunk with zeros. */
function chunkText(b: Uint8Array): string {
  const nul = b.indexOf(0);
  return utf8.decode(nul < 0 ? b : b.subarray(0, nul)).replace(/^\uFEFF/, '');
}

function ownText(el: XmlElement): string {
  return el.text.replace(/\s+/g, ' ').trim();
}

/** Every field with text, in document order. */
export function ixmlFields(b: Uint8Array): IxmlField[] {
  const doc = parseXml(chunkText(b));
  const bwf = doc.children.find((c) => c.name.toUpperCase() === 'BWFXML');
  const tops = bwf ? bwf.children : doc.children;
  const out: IxmlField[] = [];
  let total = 0;
  const add = (block: string, path: string, name: string, value: string) => {
    if (!value || out.length >= MAX_FIELDS || total >= MAX_TOTAL) return;
    const clipped = value.slice(0, Math.min(MAX_VALUE, MAX_TOTAL - total));
    total += clipped.length;
    out.push({ block, key: `IXML.${path}`, name: norm(name), value: clipped });
  };
  const walk = (block: string, el: XmlElement, path: string, flat: boolean) => {
    const text = ownText(el);
    if (text) add(block, path, el.name, text);
    for (const c of el.children) walk(block, c, flat ? `${block}.${c.name}` : `${path}.${c.name}`, flat);
  };
  for (const top of tops) {
    const block = top.name;
    const flat = FLAT_BLOCKS.has(block.toUpperCase());
    const text = ownText(top);
    if (text) {
      add(block, block, block, text);
      // Recorders (Sound Devices, Zoom) write USER as free text, one 'NAME=value' or 'NAME: value' per line.
      if (block.toUpperCase() === 'USER') {
        for (const line of top.text.split(/[\r\n]+/)) {
          const m = /^\s*([A-Za-z][\w ]{0,40}?)\s*[=:]\s*(.+?)\s*$/.exec(line);
          if (m) add(block, `${block}.${m[1]!.trim().replace(/\s+/g, '_')}`, m[1]!, m[2]!);
        }
      }
    }
    for (const c of top.children) walk(block, c, `${block}.${c.name}`, flat);
  }
  return out;
}

/** Fields (normalised names) of USER and ASWG that fill a text field; the first one read wins, as everywhere. */
const TEXT_FIELDS: Record<string, TextField> = {
  category: 'category', subcategory: 'subCategory', catid: 'catId',
  fxname: 'title', tracktitle: 'title', songtitle: 'title', title: 'title',
  description: 'description', keywords: 'keywords', library: 'library',
  notes: 'comment', note: 'comment', comment: 'comment', comments: 'comment',
  originator: 'originator', designer: 'originator', artist: 'artist', composer: 'artist',
};

/** The BEXT mirror inside iXML, by normalised name. */
const BEXT_FIELDS: Record<string, TextField> = { bwfdescription: 'description', bwforiginator: 'originator' };

/** Parses an iXML chunk body into `meta`; damaged XML yields what could be read, never an exception. */
export function parseIxml(b: Uint8Array, meta: EmbeddedMetadata): void {
  let fields: IxmlField[];
  try {
    fields = ixmlFields(b);
  } catch {
    return; // The reader is total; this guards the rest of the file's metadata against a bug in it, not bad input.
  }
  let categoryFull: string | undefined;
  for (const f of fields) {
    setRaw(meta, f.key, f.value);
    const block = f.block.toUpperCase();
    if (block === 'NOTE') { setText(meta, 'comment', f.value); continue; }
    if (block === 'BEXT') { const field = BEXT_FIELDS[f.name]; if (field) setText(meta, field, f.value); continue; }
    if (block !== 'USER' && block !== 'ASWG') continue; // SCENE, TAKE, TRACK_LIST…: raw only
    const field = TEXT_FIELDS[f.name];
    if (field) { setText(meta, field, f.value); continue; }
    switch (f.name) {
      case 'categoryfull': categoryFull ??= f.value; break;
      case 'genre': case 'subgenre': addGenres(meta, splitGenres(f.value)); break;
      case 'tempo': case 'bpm': setBpm(meta, f.value); break;
      case 'inkey': case 'key': setKey(meta, f.value); break;
      case 'isloop': case 'loop': setLoop(meta, f.value); break;
      default: break;
    }
  }
  // Soundminer's CATEGORYFULL is 'CATEGORY-SUBCATEGORY' ('SWOOSHES-WHOOSH'): use it when the parts are missing.
  if (categoryFull && meta.category === undefined) {
    const dash = categoryFull.indexOf('-');
    setText(meta, 'category', dash > 0 ? categoryFull.slice(0, dash) : categoryFull);
    if (dash > 0) setText(meta, 'subCategory', categoryFull.slice(dash + 1));
  }
}
