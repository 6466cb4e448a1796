// Builds the raw tag bytes the metadata tests need and our writers do not emit: extra RIFF chunks (iXML) appended to
// a WAV, and ID3v2.3 / v2.4 tags with chosen frames, byte for byte as taggers write them.

/** The WAV with one more chunk at the end (pad byte included) and the RIFF size fixed up. */
export function appendRiffChunk(wav: Buffer, id: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  const out = Buffer.concat([wav, head, body, Buffer.alloc(body.length & 1)]);
  out.writeUInt32LE(out.length - 8, 4);
  return out;
}

/** A chunk whose header declares `declared` bytes but the file ends after `body`: a copy cut short. */
export function appendTruncatedChunk(wav: Buffer, id: string, body: Buffer, declared: number): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(declared, 4);
  const out = Buffer.concat([wav, head, body]);
  out.writeUInt32LE(out.length - 8 + (declared - body.length), 4);
  return out;
}

function syncsafe(n: number): Buffer {
  return Buffer.from([(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f]);
}

/** One text frame: encoding byte + text. Encodings: 0 latin1, 1 UTF-16 with BOM, 3 UTF-8. */
export function id3TextFrame(version: 3 | 4, id: string, text: string, encoding: 0 | 1 | 3 = version === 4 ? 3 : 0): Buffer {
  let body: Buffer;
  if (encoding === 1) {
    // Every value of a UTF-16 list carries its own BOM, as iTunes and Mp3tag write it.
    body = Buffer.concat(text.split('\0').flatMap((v, i) => [...(i ? [Buffer.from([0, 0])] : []), Buffer.from([0xff, 0xfe]), Buffer.from(v, 'utf16le')]));
  } else {
    body = Buffer.from(text, encoding === 3 ? 'utf8' : 'latin1');
  }
  const data = Buffer.concat([Buffer.from([encoding]), body]);
  const head = Buffer.alloc(10);
  head.write(id, 0, 'latin1');
  if (version === 4) syncsafe(data.length).copy(head, 4);
  else head.writeUInt32BE(data.length, 4);
  return Buffer.concat([head, data]);
}

/** A complete ID3v2 tag (header + frames + a little padding). */
export function id3v2Tag(version: 3 | 4, frames: Buffer[]): Buffer {
  const body = Buffer.concat([...frames, Buffer.alloc(16)]);
  return Buffer.concat([Buffer.from([0x49, 0x44, 0x33, version, 0, 0]), syncsafe(body.length), body]);
}
