// Runs the real `sonoteca` CLI from source in a child process, as a user would.
import { spawn, spawnSync, type SpawnOptions, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/main/cli/main.ts', import.meta.url));

export function cliArgs(args: string[]): string[] {
  return ['--import', 'tsx', MAIN, ...args];
}

export function runCli(args: string[], opts: SpawnOptions = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, cliArgs(args), { cwd: REPO, encoding: 'utf8', timeout: 180_000, ...opts } as never) as unknown as { status: number | null; stdout: string; stderr: string };
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function startCli(args: string[], opts: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, cliArgs(args), { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}
