// `sonoteca demo` (`npm run demo`): builds a library of sounds synthesized in code, analyses it and opens the UI —
// in Electron when its binary is installed, else in browser mode with the URL printed.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { runDemo } from '../../demo/run-demo.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'synthesize a demo library (drums, basses, keys, pads, fx, loops), analyse it and open the UI',
  usage: 'sonoteca demo [--dir DIR] [--count N] [--port N] [--browser]',
  flags: { dir: { type: 'string' }, count: { type: 'number' }, port: { type: 'number' }, browser: { type: 'boolean' } },
  async run({ args, out, signal }) {
    const electron = args.flags.browser ? null : electronBinary();
    const demo = await runDemo({ dir: args.flags.dir as string | undefined, count: args.flags.count as number | undefined, port: args.flags.port as number | undefined, log: (line) => out.info(line) });
    try {
      if (electron) {
        // The desktop app opens the same demo library; the browser-mode server keeps running beside it.
        await demo.close();
        const child = spawn(electron, ['.'], { stdio: 'inherit', env: { ...process.env, SONOTECA_LIBRARY: join(demo.samplesDir, '..', 'library') } });
        await new Promise((resolve) => child.once('exit', resolve));
        return 0;
      }
      out.result({ url: demo.url, samples: demo.samplesDir }, () => `Open ${demo.url} in a browser (Ctrl-C stops)`);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      return 0;
    } finally {
      await demo.close().catch(() => {});
    }
  },
};

/** The Electron binary when the `electron` package downloaded it; null where it could not (CI, offline). */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}
