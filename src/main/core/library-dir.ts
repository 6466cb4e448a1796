// Where a library lives when the user names none: the platform's per-user data folder.
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export function defaultLibraryDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SONOTECA_LIBRARY) return env.SONOTECA_LIBRARY;
  const home = homedir();
  switch (platform()) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Sonoteca', 'library');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Sonoteca', 'library');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'sonoteca', 'library');
  }
}

export function libraryDbPath(dir: string): string {
  return join(dir, 'library.sqlite');
}
