// `sonoteca serve`: the same UI and contract over HTTP on 127.0.0.1, for headless machines and browser tests.
import type { Command } from '../command.js';
import { startServer } from '../../serve/start-server.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the Sonoteca UI for this library in a browser (127.0.0.1, random per-run token)',
  usage: 'sonoteca serve [--port N]',
  flags: { port: { type: 'number' } },
  async run({ args, out, openLibrary, signal }) {
    const library = openLibrary();
    const server = await startServer({ library, host: '127.0.0.1', port: args.flags.port as number | undefined });
    try {
      out.result({ url: server.url }, () => `Sonoteca is running: open ${server.url}\n(Ctrl-C stops)`);
      void library.analyse();
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      return 0;
    } finally {
      await server.close();
      await library.close();
    }
  },
};
