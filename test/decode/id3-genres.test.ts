// Multi-value genres as taggers really write them: ID3v2.4 NUL-separated lists (UTF-8 and UTF-16 with a BOM per
// value), ID3v2.3 '(17)(31)Custom' references and ';'/'/' lists, and repeated Vorbis genres, read into genre + genres
// from real MP3 and FLAC files, and each one reaching the metadata tagger as a genre tag.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { openAudio } from '../../src/main/decode/open-audio.js';
import { parseGenreList } from '../../src/main/decode/id3.js';
import { splitGenres } from '../../src/main/decode/metadata-fields.js';
import { labelFromMetadata } from '../../src/shared/naming/metadata-labeller.js';
import { encodeWithTool, sine } from '../support/audio-fixtures.js';
import { id3TextFrame, id3v2Tag } from '../support/tag-bytes.js';
import { decodeAll, tempDir } from './decode-all.js';

const t = tempDir();
after(t.cleanup);
let plainMp3: Buffer;

before(() => {
  writeFileSync(t.file('src.wav'), encodeWav([sine(330, 0.5, 44100)], 44100, { bitDepth: 16 }));
  encodeWithTool(t.file('src.wav'), 'mp3', t.file('plain.mp3'));
  plainMp3 = readFileSync(t.file('plain.mp3'));
});

async function mp3With(name: string, tag: Buffer) {
  writeFileSync(t.file(name), Buffer.concat([tag, plainMp3]));
  const src = await openAudio(t.file(name));
  await src.close();
  return src.metadata;
}

test('TCON values: v2.3 references and refinements, v2.4 lists and bare numbers, common separators', () => {
  assert.deepEqual(parseGenreList('(17)(31)Custom'), ['Rock', 'Trance', 'Custom']);
  assert.deepEqual(parseGenreList('(17)Rock'), ['Rock'], 'text after one reference is its own name');
  assert.deepEqual(parseGenreList('(4)Eurodisco'), ['Eurodisco']);
  assert.deepEqual(parseGenreList('(17)'), ['Rock']);
  assert.deepEqual(parseGenreList('(RX)(CR)(9)'), ['Remix', 'Cover', 'Metal']);
  assert.deepEqual(parseGenreList('((Foo) Bar'), ['(Foo) Bar'], "'((' starts literal text");
  assert.deepEqual(parseGenreList('Drum & Bass\0Jungle\0' + '17'), ['Drum & Bass', 'Jungle', 'Rock']);
  assert.deepEqual(parseGenreList('\uFEFFTechno\0\uFEFFHouse'), ['Techno', 'House']);
  assert.deepEqual(parseGenreList('Hip-Hop/Rap; Trap'), ['Hip-Hop', 'Rap', 'Trap']);
  assert.deepEqual(parseGenreList('Pop/Funk'), ['Pop/Funk'], 'an ID3v1 name with a slash stays whole');
  assert.deepEqual(splitGenres('House\\\\Techno'), ['House', 'Techno'], "Mp3tag's v2.3 separator");
});

test('an ID3v2.3 MP3 with (n) references and a custom genre reads every genre, first one as genre', async () => {
  const m = await mp3With('v23.mp3', id3v2Tag(3, [id3TextFrame(3, 'TIT2', 'Shaker 04'), id3TextFrame(3, 'TCON', '(17)(31)Custom')]));
  assert.equal(m.genre, 'Rock');
  assert.deepEqual(m.genres, ['Rock', 'Trance', 'Custom']);
  assert.equal(m.title, 'Shaker 04');
  assert.equal(m.raw?.['ID3.TCON'], '(17)(31)Custom');
  const d = await decodeAll(t.file('v23.mp3'));
  assert.ok(d.info.frames! > 20000, 'the tag is skipped, the audio still decodes');
});

test('ID3v2.4 NUL-separated lists in UTF-8 and in UTF-16 (BOM per value) read every genre', async () => {
  const utf8 = await mp3With('v24.mp3', id3v2Tag(4, [id3TextFrame(4, 'TCON', 'Drum & Bass\0Jungle\0' + '17', 3)]));
  assert.equal(utf8.genre, 'Drum & Bass');
  assert.deepEqual(utf8.genres, ['Drum & Bass', 'Jungle', 'Rock']);
  const utf16 = await mp3With('v24-16.mp3', id3v2Tag(4, [id3TextFrame(4, 'TCON', 'Techno\0House\0techno', 1)]));
  assert.deepEqual(utf16.genres, ['Techno', 'House'], 'case-insensitive duplicates are dropped');
  const single = await mp3With('v24-1.mp3', id3v2Tag(4, [id3TextFrame(4, 'TCON', '18')]));
  assert.deepEqual([single.genre, single.genres], ['Techno', undefined]);
});

test('the metadata tagger sees each genre as its own tag, and genre words never vote for a category', async () => {
  const m = await mp3With('tagged.mp3', id3v2Tag(4, [id3TextFrame(4, 'TIT2', 'Shaker 04'), id3TextFrame(4, 'TCON', 'Drum & Bass\0Jungle\0Bass House')]));
  const labels = labelFromMetadata(m, { path: t.file('tagged.mp3') });
  const genreTags = labels.tags.filter((x) => x.name.startsWith('genre:')).map((x) => x.name);
  assert.deepEqual(genreTags, ['genre:Drum & Bass', 'genre:Jungle', 'genre:Bass House']);
  assert.equal(labels.candidates[0]?.category, 'percussion');
  assert.ok(!labels.candidates.some((c) => c.category === 'bass'), 'genres with "bass" in them are styles, not sounds');
});

test('FLAC Vorbis GENRE lists read into genres too', async () => {
  encodeWithTool(t.file('src.wav'), 'flac', t.file('g.flac'), { tags: { GENRE: 'House; Deep House', TITLE: 'Pad 01' } });
  const src = await openAudio(t.file('g.flac'));
  await src.close();
  assert.deepEqual([src.metadata.genre, src.metadata.genres], ['House', ['House', 'Deep House']]);
});
