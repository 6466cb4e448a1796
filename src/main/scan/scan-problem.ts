// Problems met while walking a root that are not tied to one sample: reported, stored, never fatal.

export type ScanProblemCode = 'unreadable' | 'permission' | 'symlink-loop' | 'vanished' | 'not-found' | 'not-a-directory' | 'io';

export interface ScanProblem {
  path: string;
  code: ScanProblemCode;
  message: string;
}

/** Turns a Node fs error into a problem a user can act on. */
export function problemFromError(path: string, err: unknown, what: 'folder' | 'file'): ScanProblem {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { path, code: 'permission', message: `permission denied reading ${what} ${path}` };
    case 'ENOENT':
      return { path, code: 'vanished', message: `${what} vanished during the scan: ${path}` };
    case 'ENOTDIR':
      return { path, code: 'not-a-directory', message: `not a folder: ${path}` };
    case 'ELOOP':
      return { path, code: 'symlink-loop', message: `symbolic link loop at ${path}` };
    default:
      return { path, code: 'io', message: `could not read ${what} ${path}: ${(err as Error)?.message ?? String(err)}` };
  }
}
