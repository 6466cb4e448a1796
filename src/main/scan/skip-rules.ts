// Which names the scanner never indexes: hidden files, OS litter and resource forks that only look like audio.
import { AUDIO_EXTENSIONS, type AudioFormat } from '../../shared/model/audio.js';

const SYSTEM_NAMES = new Set(['__macosx', '$recycle.bin', 'system volume information', 'thumbs.db', 'desktop.ini', '.ds_store', '@eadir', '.trash', '.trashes']);

/** Hidden (dot) entries, AppleDouble `._x.wav` resource forks and OS folders are skipped. */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || SYSTEM_NAMES.has(name.toLowerCase());
}

/** The lower-case extension without dot, or '' when there is none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Audio format suggested by the extension; the decoder still sniffs the bytes, since names lie. */
export function audioFormatForName(name: string): AudioFormat | null {
  return AUDIO_EXTENSIONS[extensionOf(name)] ?? null;
}
