// Registry of every instrument family, keyed by category id.
import type { CategoryId } from '../category-id.js';
import type { Family } from '../voice.js';
import { kick } from './kick.js';
import { snare } from './snare.js';
import { clap } from './clap.js';
import { hihatClosed, hihatOpen } from './hihat.js';
import { cymbal } from './cymbal.js';
import { tom } from './tom.js';
import { percussion } from './percussion.js';
import { bass } from './bass.js';
import { keys } from './keys.js';
import { organ } from './organ.js';
import { mallet } from './mallet.js';
import { guitar } from './guitar.js';
import { pluck } from './pluck.js';
import { strings } from './strings.js';
import { brass } from './brass.js';
import { woodwind } from './woodwind.js';
import { lead } from './lead.js';
import { pad } from './pad.js';
import { vocal } from './vocal.js';
import { fx } from './fx.js';

export const FAMILIES: Record<CategoryId, Family> = {
  kick, snare, clap, hihat_closed: hihatClosed, hihat_open: hihatOpen, cymbal, tom, percussion,
  bass, keys, organ, mallet, guitar, pluck, strings, brass, woodwind, lead, pad, vocal, fx,
};
