// The file-system calls the export makes, behind one seam so tests can inject a full disk or a vanished file.
import { promises as fsp } from 'node:fs';

export interface ExportFs {
  mkdir(path: string, opts: { recursive: true }): Promise<unknown>;
  copyFile(src: string, dest: string, mode: number): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  symlink(target: string, path: string): Promise<void>;
  unlink(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  writeFile(path: string, data: string | Uint8Array, opts: { flag: 'wx' }): Promise<void>;
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
}

export const nodeExportFs: ExportFs = {
  mkdir: (p, o) => fsp.mkdir(p, o),
  copyFile: (s, d, m) => fsp.copyFile(s, d, m),
  link: (a, b) => fsp.link(a, b),
  symlink: (t, p) => fsp.symlink(t, p),
  unlink: (p) => fsp.unlink(p),
  rename: (a, b) => fsp.rename(a, b),
  writeFile: (p, d, o) => fsp.writeFile(p, d, o),
  stat: (p) => fsp.stat(p),
};
