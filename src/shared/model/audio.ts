// What a decoder learns about a file before and while reading it; shared so the UI can show it too.

export type AudioFormat = 'wav' | 'aiff' | 'flac' | 'mp3' | 'ogg';

export const AUDIO_EXTENSIONS: Readonly<Record<string, AudioFormat>> = {
  wav: 'wav', wave: 'wav', bwf: 'wav',
  aif: 'aiff', aiff: 'aiff', aifc: 'aiff',
  flac: 'flac',
  mp3: 'mp3',
  ogg: 'ogg', oga: 'ogg',
};

export interface AudioInfo {
  format: AudioFormat;
  /** Codec inside the container, e.g. 'pcm_s24le', 'pcm_f32le', 'aifc_sowt', 'flac', 'mp3', 'vorbis'. */
  codec: string;
  sampleRate: number;
  channels: number;
  /** Bits per sample of the stored PCM; null for lossy codecs. */
  bitDepth: number | null;
  /** Frames (samples per channel) when the container states it exactly, else null until decoded. */
  frames: number | null;
}

export interface LoopPoint {
  /** Frame index of the loop start, inclusive. */
  start: number;
  /** Frame index of the loop end, inclusive (as in a WAV smpl chunk). */
  end: number;
}

/** Metadata embedded in the file (acid, smpl, bext, LIST INFO, ID3, Vorbis comments, AIFF MARK/INST). */
export interface EmbeddedMetadata {
  bpm?: number;
  /** MIDI note number of the root (smpl/acid/INST). */
  rootNote?: number;
  /** Musical key as written in the file, normalised like 'A minor' / 'F# major' where recognisable. */
  key?: string;
  /** true = loop, false = one-shot, from the acid chunk's flags. */
  loop?: boolean;
  loopPoints?: LoopPoint[];
  /** Musical beats in the file (acid chunk). */
  beats?: number;
  title?: string;
  artist?: string;
  album?: string;
  genre?: string;
  comment?: string;
  /** bext description / originator, software that wrote the file. */
  description?: string;
  originator?: string;
  software?: string;
  /**
   * Every genre the tags name, in order, first = `genre`; set only when there is more than one (ID3 TCON lists,
   * repeated Vorbis GENRE, iXML/ASWG genre + subGenre). Read all genres with `genre` when this is absent.
   */
  genres?: string[];
  /** Sound-library category fields (iXML USER/ASWG, Vorbis/ID3 CATEGORY…), as written: often UCS ('WHOOSHES'). */
  category?: string;
  subCategory?: string;
  /** UCS CatID as written in the tags ('WHSH', 'AMBForst'). */
  catId?: string;
  /** Free-text keywords as written (comma/semicolon separated). */
  keywords?: string;
  /** Library, collection or show the sound ships in (iXML LIBRARY, ASWG library). */
  library?: string;
  /** Every raw key/value read (e.g. 'INFO.INAM', 'ID3.TBPM', 'VORBIS.BPM', 'IXML.ASWG.catId'), for `show`. */
  raw?: Record<string, string>;
}
