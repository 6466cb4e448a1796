// Entry point of the `sonoteca` command: wires Ctrl-C / SIGTERM to a clean stop, then runs the CLI.
import { runCli } from './run-cli.js';

const controller = new AbortController();
let interrupted = 0;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    // First signal: stop after the files in flight are saved. Second: leave at once (the database stays consistent).
    if (++interrupted > 1) process.exit(130);
    controller.abort();
  });
}

const code = await runCli(process.argv.slice(2), controller.signal);
process.exitCode = code;
