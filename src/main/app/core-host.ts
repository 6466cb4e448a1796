// Runs the core (SQLite, scanning, analysis workers) in an Electron utility process so the main process (and with
// it every window) never stalls on a 100k-file scan. Talks to main over the parent port.
import { Library } from '../core/library.js';
import { createApi } from '../api/create-api.js';
import type { FromCore, ToCore } from './ipc-channels.js';

const parent = process.parentPort;
const send = (m: FromCore) => parent.postMessage(m);

async function main() {
  const dir = process.argv[process.argv.indexOf('--library') + 1];
  if (!dir) throw new Error('core host started without --library <dir>');
  const library = Library.open(dir, { classify: true });
  const api = createApi(library);
  api.onEvent((event, payload) => send({ type: 'event', event, payload }));
  const stopWatching = library.watch({ analyse: true });
  void library.analyse().catch((err: unknown) => send({ type: 'event', event: 'error', payload: { message: `analysis stopped: ${(err as Error).message}` } }));

  parent.on('message', (e: { data: ToCore }) => {
    const msg = e.data;
    if (msg.type === 'call') {
      void api.handle(msg.name, msg.payload).then((result) => send({ type: 'result', seq: msg.seq, result }));
    } else if (msg.type === 'audio') {
      void api.audioFile(msg.id).then((r) => send(r.ok ? { type: 'audio', seq: msg.seq, ok: true, path: r.path } : { type: 'audio', seq: msg.seq, ok: false, status: r.status, reason: r.reason }));
    } else if (msg.type === 'paths') {
      void Promise.all(msg.ids.map((id) => api.audioFile(id))).then((rs) => send({ type: 'paths', seq: msg.seq, paths: rs.flatMap((r) => (r.ok ? [r.path] : [])) }));
    }
  });
  const shutdown = async () => {
    stopWatching();
    api.close();
    await library.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  send({ type: 'ready' });
}

main().catch((err: unknown) => {
  send({ type: 'fatal', message: (err as Error).message });
  process.exit(1);
});
