// Entry point for decoding: sniffs the container from its bytes (names lie) and hands off to the matching reader.
import type { AudioSource } from './audio-source.js';
import { openAiff } from './aiff.js';
import { describeStart, fourCC } from './binary-text.js';
import { openBytes } from './byte-source.js';
import type { ByteSource } from './byte-source.js';
import { AudioDecodeError } from './decode-error.js';
import { openFlac } from './flac.js';
import { id3v2Length } from './id3.js';
import { findFirstFrame } from './mp3-frame.js';
import { openMp3 } from './mp3.js';
import { openOgg } from './ogg.js';
import { openWav } from './wav.js';

const KNOWN_OTHER: [RegExp, string][] = [
  [/^MThd/, 'a MIDI file'], [/^PK\x03\x04/, 'a ZIP archive'], [/^%PDF/, 'a PDF document'], [/^....ftyp/s, 'an MP4/M4A file (AAC/ALAC is not supported yet)'],
  [/^\x30\x26\xb2\x75/, 'a WMA/ASF file'], [/^wvpk/, 'a WavPack file'], [/^MAC /, "a Monkey's Audio file"], [/^caff/, 'a Core Audio (CAF) file'],
  [/^\x1aE\xdf\xa3/, 'a Matroska/WebM file'], [/^\x89PNG/, 'a PNG image'], [/^\xff\xd8\xff/, 'a JPEG image'],
];

async function dispatch(path: string, bytes: ByteSource): Promise<AudioSource> {
  if (bytes.size === 0) throw new AudioDecodeError('empty', 'file is empty (0 bytes)');
  const head = await bytes.read(0, 64 * 1024);
  const id = fourCC(head, 0);
  const sub = fourCC(head, 8);
  if (id === 'RIFF' || id === 'RF64' || id === 'BW64') {
    if (head.length < 12) throw new AudioDecodeError('truncated', `truncated WAV: the file ends at byte ${head.length}, inside the RIFF header`);
    if (sub !== 'WAVE') throw new AudioDecodeError('unsupported', `not an audio file: a RIFF file of type '${sub}', not WAVE`);
    return openWav(path, bytes);
  }
  if (id === 'RIFX') throw new AudioDecodeError('unsupported', 'unsupported WAV variant: big-endian RIFX');
  if (id === 'FORM') {
    if (head.length < 12) throw new AudioDecodeError('truncated', `truncated AIFF: the file ends at byte ${head.length}, inside the FORM header`);
    if (sub !== 'AIFF' && sub !== 'AIFC') throw new AudioDecodeError('unsupported', `not an audio file: an IFF file of type '${sub}', not AIFF`);
    return openAiff(path, bytes);
  }
  if (id === 'fLaC') return openFlac(path, bytes, 0);
  if (id === 'OggS') return openOgg(path, bytes);
  const tag = id3v2Length(head);
  if (tag) {
    // ID3 in front of FLAC happens (some taggers); otherwise it is an MP3.
    const after = await bytes.read(tag, 4);
    if (fourCC(after, 0) === 'fLaC') return openFlac(path, bytes, tag);
    return openMp3(path, bytes);
  }
  if (findFirstFrame(head, 0, 4096) >= 0) return openMp3(path, bytes);
  const ascii = new TextDecoder('latin1').decode(head.subarray(0, 12));
  for (const [re, what] of KNOWN_OTHER) if (re.test(ascii)) throw new AudioDecodeError('unsupported', `not an audio file: ${what}`);
  throw new AudioDecodeError('unsupported', `not an audio file: starts with bytes ${describeStart(head)}`);
}

/** Opens any supported audio file. Throws AudioDecodeError (with a code and a specific message) for bad input. */
export async function openAudio(path: string): Promise<AudioSource> {
  const bytes = await openBytes(path);
  try {
    return await dispatch(path, bytes);
  } catch (err) {
    await bytes.close().catch(() => {});
    throw err;
  }
}
