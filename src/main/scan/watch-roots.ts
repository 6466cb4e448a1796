// Notices changes under the library roots while the app runs. File-system events are debounced per root (a pack
// unzipping fires thousands) and a slow periodic rescan covers events the OS dropped.
import { watch, type FSWatcher } from 'node:fs';
import type { Unsubscribe } from '../core/events.js';

export interface WatchOptions {
  /** Quiet time after the last event before a root is rescanned. */
  debounceMs?: number;
  /** Full rescan interval as a safety net; 0 disables it. */
  pollMs?: number;
  onChange?: (rootPath: string) => void;
  onError?: (rootPath: string, err: Error) => void;
}

export function watchRoots(roots: string[], opts: WatchOptions = {}): Unsubscribe {
  const debounceMs = opts.debounceMs ?? 750;
  const pollMs = opts.pollMs ?? 5 * 60_000;
  const watchers: FSWatcher[] = [];
  const timers = new Map<string, NodeJS.Timeout>();
  const fire = (root: string) => {
    clearTimeout(timers.get(root));
    timers.set(root, setTimeout(() => {
      timers.delete(root);
      opts.onChange?.(root);
    }, debounceMs));
  };
  for (const root of roots) {
    try {
      const watcher = watch(root, { recursive: true, persistent: true }, () => fire(root));
      watcher.on('error', (err) => opts.onError?.(root, err));
      watchers.push(watcher);
    } catch (err) {
      opts.onError?.(root, err as Error);
    }
  }
  const poll = pollMs > 0 ? setInterval(() => roots.forEach(fire), pollMs) : null;
  return () => {
    for (const w of watchers) w.close();
    for (const t of timers.values()) clearTimeout(t);
    if (poll) clearInterval(poll);
  };
}
