// Genre drum patterns on a 16-step bar grid: which step each kit piece hits, with per-genre feel (swing, rolls).

export type Genre = 'house' | 'hiphop' | 'breakbeat' | 'trap' | 'dnb' | 'techno';

export interface Pattern {
  /** Steps 0..15 per bar, one list per kit piece. */
  kick: number[];
  snare: number[];
  hatClosed: number[];
  hatOpen: number[];
  clap: number[];
  /** Trap-style hat rolls: steps where the hat ratchets into 2–4 sub-hits. */
  rolls: number[];
  swing: number;
  bpmRange: readonly [number, number];
}

const EVERY = (step: number, offset = 0) => Array.from({ length: 16 }, (_, i) => i).filter((i) => (i - offset) % step === 0 && i >= offset);

export const PATTERNS: Record<Genre, Pattern[]> = {
  house: [
    { kick: [0, 4, 8, 12], snare: [], clap: [4, 12], hatClosed: [], hatOpen: [2, 6, 10, 14], rolls: [], swing: 0.05, bpmRange: [118, 128] },
    { kick: [0, 4, 8, 12], snare: [], clap: [4, 12], hatClosed: EVERY(2), hatOpen: [2, 6, 10, 14], rolls: [], swing: 0.1, bpmRange: [120, 126] },
  ],
  techno: [{ kick: [0, 4, 8, 12], snare: [], clap: [4, 12], hatClosed: EVERY(1), hatOpen: [2, 6, 10, 14], rolls: [], swing: 0, bpmRange: [125, 140] }],
  hiphop: [
    { kick: [0, 7, 10], snare: [4, 12], clap: [], hatClosed: EVERY(2), hatOpen: [], rolls: [], swing: 0.25, bpmRange: [85, 98] },
    { kick: [0, 3, 8, 11], snare: [4, 12], clap: [], hatClosed: EVERY(2), hatOpen: [14], rolls: [], swing: 0.3, bpmRange: [80, 95] },
  ],
  breakbeat: [{ kick: [0, 10], snare: [4, 12], clap: [], hatClosed: EVERY(2), hatOpen: [7], rolls: [], swing: 0.12, bpmRange: [125, 140] }],
  trap: [{ kick: [0, 7, 11], snare: [], clap: [8], hatClosed: EVERY(2), hatOpen: [], rolls: [6, 14], swing: 0, bpmRange: [130, 150] }],
  dnb: [
    { kick: [0, 10], snare: [4, 12], clap: [], hatClosed: EVERY(2), hatOpen: [], rolls: [], swing: 0, bpmRange: [170, 175] },
    { kick: [0, 6, 10], snare: [4, 12], clap: [], hatClosed: EVERY(1), hatOpen: [14], rolls: [], swing: 0, bpmRange: [170, 175] },
  ],
};

export const GENRES = Object.keys(PATTERNS) as Genre[];

export const GENRE_LABEL: Record<Genre, string> = { house: 'House', hiphop: 'Hip Hop', breakbeat: 'Breakbeat', trap: 'Trap', dnb: 'DnB', techno: 'Techno' };
