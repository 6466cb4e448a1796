// Puts one file at its destination without ever replacing anything: write to a temporary name in the same folder,
// then hard-link it into place (fails if the name exists) and drop the temporary name.
import { constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ExportFs } from './export-fs.js';

let counter = 0;

export function tempNameFor(dest: string): string {
  counter = (counter + 1) % 1_000_000;
  // Short and hidden: a long destination name plus a prefix could pass the 255-byte limit.
  return join(dirname(dest), `.sonoteca-${process.pid}-${Date.now().toString(36)}-${counter}.part`);
}

async function removeQuietly(fs: ExportFs, p: string): Promise<void> {
  try { await fs.unlink(p); } catch { /* already gone */ }
}

/** Moves a finished temp file to `dest`, refusing to replace; file systems without hard links get exists-check + rename. */
export async function commitTemp(fs: ExportFs, temp: string, dest: string): Promise<void> {
  try {
    await fs.link(temp, dest);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') { await removeQuietly(fs, temp); throw e; }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') { await removeQuietly(fs, temp); throw e; }
    // FAT/exFAT and some network shares have no hard links.
    try {
      await fs.stat(dest);
      await removeQuietly(fs, temp);
      const err = new Error(`'${basename(dest)}' already exists`) as NodeJS.ErrnoException;
      err.code = 'EEXIST';
      throw err;
    } catch (se) {
      if ((se as NodeJS.ErrnoException).code !== 'ENOENT') throw se;
    }
    await fs.rename(temp, dest);
    return;
  }
  await removeQuietly(fs, temp);
}

export async function copyNoReplace(fs: ExportFs, src: string, dest: string): Promise<void> {
  const temp = tempNameFor(dest);
  try {
    await fs.copyFile(src, temp, constants.COPYFILE_EXCL);
  } catch (e) {
    await removeQuietly(fs, temp);
    throw e;
  }
  await commitTemp(fs, temp, dest);
}

export async function writeNoReplace(fs: ExportFs, data: string | Uint8Array, dest: string): Promise<void> {
  const temp = tempNameFor(dest);
  try {
    await fs.writeFile(temp, data, { flag: 'wx' });
  } catch (e) {
    await removeQuietly(fs, temp);
    throw e;
  }
  await commitTemp(fs, temp, dest);
}

/** For files that are ours to update (manifest, unedited kits): write temp, then rename over atomically. */
export async function writeReplacingOwn(fs: ExportFs, data: string | Uint8Array, dest: string): Promise<void> {
  const temp = tempNameFor(dest);
  try {
    await fs.writeFile(temp, data, { flag: 'wx' });
    await fs.rename(temp, dest);
  } catch (e) {
    await removeQuietly(fs, temp);
    throw e;
  }
}
