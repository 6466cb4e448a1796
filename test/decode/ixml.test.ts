// iXML chunks in real WAV files: Soundminer-style USER fields, the ASWG block, the BEXT mirror, entities, CDATA and
// comments read back; truncated, malformed and garbage chunks never throw and never cost the file its other tags.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { openAudio } from '../../src/main/decode/open-audio.js';
import { decodeEntities, parseXml } from '../../src/main/decode/ixml-xml.js';
import { ixmlFields } from '../../src/main/decode/ixml.js';
import { randomBytes, sine } from '../support/audio-fixtures.js';
import { appendRiffChunk, appendTruncatedChunk } from '../support/tag-bytes.js';
import { decodeAll, tempDir } from './decode-all.js';

const t = tempDir();
after(t.cleanup);

const SOUNDMINER_IXML = `<?xml version="1.0" encoding="UTF-8"?>
<!-- written by a test, the way Soundminer and BaseHead lay it out -->
<BWFXML>
  <IXML_VERSION>2.10</IXML_VERSION>
  <PROJECT>Night Shoot</PROJECT>
  <SCENE>12A</SCENE>
  <TAKE>3</TAKE>
  <NOTE>Windy &amp; cold</NOTE>
  <USER>
    <CATEGORY>SWOOSHES</CATEGORY>
    <SUBCATEGORY>WHOOSH</SUBCATEGORY>
    <CATID>WHSH</CATID>
    <FXNAME>Fast Pass &lt;Heavy&gt;</FXNAME>
    <DESCRIPTION><![CDATA[A heavy <metal> whoosh & flutter]]></DESCRIPTION>
    <KEYWORDS>whoosh, pass, heavy</KEYWORDS>
    <LIBRARY>Caf&#233; Sounds &#x2014; Vol&apos;1</LIBRARY>
    <DESIGNER>J. Doe</DESIGNER>
  </USER>
  <ASWG>
    <tempo>128</tempo>
    <inKey>Am</inKey>
    <isLoop>true</isLoop>
    <genre>Cinematic; Trailer</genre>
    <instrument>Synth</instrument>
  </ASWG>
  <BEXT><BWF_DESCRIPTION>bext mirror text</BWF_DESCRIPTION><BWF_ORIGINATOR>Recorder</BWF_ORIGINATOR></BEXT>
  <TRACK_LIST><TRACK><NAME>Boom</NAME></TRACK><TRACK><NAME>Lav</NAME></TRACK></TRACK_LIST>
</BWFXML>
\0\0\0\0`;

function wavWith(name: string, build: (wav: Buffer) => Buffer, metadata = {}): string {
  const wav = encodeWav([sine(440, 0.2, 44100)], 44100, { bitDepth: 16, metadata });
  writeFileSync(t.file(name), build(wav));
  return t.file(name);
}

async function metadataOf(path: string) {
  const src = await openAudio(path);
  await src.close();
  return src.metadata;
}

test('a Soundminer-style iXML chunk fills the typed fields and keeps every field in raw', async () => {
  const path = wavWith('sm.wav', (w) => appendRiffChunk(w, 'iXML', Buffer.from(SOUNDMINER_IXML, 'utf8')));
  const m = await metadataOf(path);
  assert.equal(m.category, 'SWOOSHES');
  assert.equal(m.subCategory, 'WHOOSH');
  assert.equal(m.catId, 'WHSH');
  assert.equal(m.title, 'Fast Pass <Heavy>');
  assert.equal(m.description, 'A heavy <metal> whoosh & flutter', 'CDATA is text, not markup');
  assert.equal(m.keywords, 'whoosh, pass, heavy');
  assert.equal(m.library, 'Café Sounds — Vol\'1', 'numeric and named entities decode');
  assert.equal(m.originator, 'J. Doe');
  assert.equal(m.comment, 'Windy & cold', '<NOTE> is the comment');
  // ASWG's musical fields go through the same rules as every other format's.
  assert.equal(m.bpm, 128);
  assert.equal(m.key, 'A minor');
  assert.equal(m.loop, true);
  assert.equal(m.genre, 'Cinematic');
  assert.deepEqual(m.genres, ['Cinematic', 'Trailer']);
  const raw = m.raw ?? {};
  assert.equal(raw['IXML.USER.CATID'], 'WHSH');
  assert.equal(raw['IXML.ASWG.inKey'], 'Am');
  assert.equal(raw['IXML.ASWG.instrument'], 'Synth');
  assert.equal(raw['IXML.SCENE'], '12A');
  assert.equal(raw['IXML.TAKE'], '3');
  assert.equal(raw['IXML.PROJECT'], 'Night Shoot');
  assert.equal(raw['IXML.BEXT.BWF_DESCRIPTION'], 'bext mirror text');
  assert.equal(raw['IXML.TRACK_LIST.TRACK.NAME'], 'Boom; Lav', 'repeated elements are all kept');
  // The audio itself is untouched by the extra chunk.
  assert.equal((await decodeAll(path)).info.frames, 8820);
});

test('ASWG alone (camelCase, UCS fields) and the BEXT mirror fill what nothing else did', async () => {
  const xml = '<BWFXML><ASWG><category>AMBIENCE</category><subCategory>FOREST</subCategory><catId>AMBForst</catId>'
    + '<fxName>Dawn Chorus</fxName><library>Field Kit</library><notes>Recorded at 5am</notes><isLoop>0</isLoop>'
    + '<subGenre>Nature</subGenre></ASWG><BEXT><BWF_DESCRIPTION>Forest birds</BWF_DESCRIPTION></BEXT></BWFXML>';
  const m = await metadataOf(wavWith('aswg.wav', (w) => appendRiffChunk(w, 'iXML', Buffer.from(xml))));
  assert.deepEqual(
    [m.category, m.subCategory, m.catId, m.title, m.library, m.comment, m.loop, m.genre, m.description],
    ['AMBIENCE', 'FOREST', 'AMBForst', 'Dawn Chorus', 'Field Kit', 'Recorded at 5am', false, 'Nature', 'Forest birds'],
  );
  assert.equal(m.genres, undefined, 'one genre needs no list');
});

test('a recorder\'s free-text USER block is split into NAME=value fields', () => {
  const fields = ixmlFields(Buffer.from('<BWFXML><USER>Engineer=Ana\r\nMic: MKH 416\r\nno separator here</USER></BWFXML>'));
  const byKey = Object.fromEntries(fields.map((f) => [f.key, f.value]));
  assert.equal(byKey['IXML.USER.Engineer'], 'Ana');
  assert.equal(byKey['IXML.USER.Mic'], 'MKH 416');
  assert.match(byKey['IXML.USER'] ?? '', /no separator here/);
});

test('a truncated iXML chunk at the end of the file keeps the fields before the cut and the other chunks', async () => {
  const xml = '<BWFXML><USER><CATEGORY>AMBIENCE</CATEGORY><SUBCATEGORY>FOREST</SUBCATEGORY><CATID>AMBForst</CATID><FXNAME>Birds at da';
  const path = wavWith('cut.wav', (w) => appendTruncatedChunk(w, 'iXML', Buffer.from(xml), 4096), { bpm: 90, genre: 'House', comment: 'kept' });
  const m = await metadataOf(path);
  assert.deepEqual([m.category, m.subCategory, m.catId, m.title], ['AMBIENCE', 'FOREST', 'AMBForst', 'Birds at da']);
  assert.deepEqual([m.bpm, m.genre, m.comment], [90, 'House', 'kept'], 'acid and LIST INFO survive');
  assert.equal((await decodeAll(path)).info.frames, 8820);
});

test('garbage, binary and malformed iXML never throws and loses none of the file\'s other metadata', async () => {
  const cases: Array<[string, Buffer]> = [
    ['random', randomBytes(3000, 5)],
    ['empty', Buffer.alloc(0)],
    ['only-nul', Buffer.alloc(64)],
    ['not-xml', Buffer.from('this is not XML at all < > & ;')],
    ['cut-in-tag', Buffer.from('<BWFXML><USER><CATID>WHSH</CATID><CATEG')],
    ['unclosed', Buffer.from('<BWFXML><USER><CATEGORY>FOLEY<SUBCATEGORY>FEET</SUBCATEGORY><KEYWORDS>steps, gravel')],
    ['bad-entities', Buffer.from('<USER><CATEGORY>A &bogus; &#xD800; &#99999999; &amp</CATEGORY></USER>')],
    ['deep', Buffer.from('<a>'.repeat(5000) + 'x')],
  ];
  for (const [name, body] of cases) {
    const m = await metadataOf(wavWith(`${name}.wav`, (w) => appendRiffChunk(w, 'iXML', body), { bpm: 100, title: 'Still Here', genre: 'Techno' }));
    assert.deepEqual([m.bpm, m.title, m.genre], [100, 'Still Here', 'Techno'], name);
  }
  const unclosed = await metadataOf(t.file('unclosed.wav'));
  assert.deepEqual([unclosed.category, unclosed.subCategory, unclosed.keywords], ['FOLEY', 'FEET', 'steps, gravel'], 'missing closing tags cost nothing');
  assert.equal((await metadataOf(t.file('cut-in-tag.wav'))).catId, 'WHSH');
  assert.equal((await metadataOf(t.file('bad-entities.wav'))).category, 'A &bogus; &#xD800; &#99999999; &amp', 'unknown references stay as written');
});

test('the XML reader: stray tags, attributes, declarations and text outside elements', () => {
  const doc = parseXml('<!DOCTYPE x [<!ENTITY e "v">]><?pi x?><R a="1 > 2" b=\'<\'>one < two</bogus><C/><D>d</D>tail</R>');
  const r = doc.children[0]!;
  assert.equal(r.name, 'R');
  assert.deepEqual(r.children.map((c) => c.name), ['C', 'D']);
  assert.equal(r.text, 'one < twotail', 'a stray close tag is ignored, a bare < is text');
  assert.equal(decodeEntities('&lt;&#65;&#x42;&QUOT;&unknown;'), '<AB"&unknown;');
});

test('the XML reader survives every prefix and random corruption of a real chunk', () => {
  const src = Buffer.from(SOUNDMINER_IXML, 'utf8');
  for (let n = 0; n <= src.length; n += 7) ixmlFields(src.subarray(0, n));
  const noise = randomBytes(src.length, 9);
  for (let seed = 0; seed < 200; seed++) {
    const b = Buffer.from(src);
    for (let k = 0; k < 12; k++) {
      const at = (seed * 131 + k * 977) % b.length;
      b[at] = noise[(seed * 17 + k) % noise.length]!;
    }
    const fields = ixmlFields(b);
    assert.ok(fields.length <= 400);
  }
});

test('a huge iXML (a recorder listing thousands of tracks) is kept to a bounded size in raw', () => {
  const tracks = Array.from({ length: 5000 }, (_, i) => `<TRACK><NAME>Track ${i} ${'x'.repeat(40)}</NAME></TRACK>`).join('');
  const fields = ixmlFields(Buffer.from(`<BWFXML><USER><CATID>WHSH</CATID></USER><TRACK_LIST>${tracks}</TRACK_LIST></BWFXML>`));
  assert.equal(fields[0]?.key, 'IXML.USER.CATID', 'fields before the bulk are kept');
  assert.ok(fields.length <= 400);
  assert.ok(fields.reduce((n, f) => n + f.value.length, 0) <= 32000);
});
