// Browser mode: serves the built renderer plus the contract over HTTP POST and events over a WebSocket, bound to
// loopback and locked with a per-run token, so `sonoteca serve` is as safe as the Electron app.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { createApi, type ApiOptions, type CoreApi, type LibraryLike } from '../api/create-api.js';
import { audioMime } from '../api/byte-range.js';
import { sendFile } from './send-file.js';
import { SECURITY_HEADERS, TOKEN_COOKIE, contentSecurityPolicy, hostAllowed, newToken, requestToken, sameToken } from './security.js';

export interface ServerOptions extends ApiOptions {
  library: LibraryLike;
  host?: '127.0.0.1' | 'localhost';
  port?: number;
  /** Folder with the built renderer (index.html); found next to the code by default. */
  staticDir?: string;
  /** Reuse an API already bound to the library. */
  api?: CoreApi;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  api: CoreApi;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024 * 1024;
const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
};
const STATUS = { 'bad-request': 400, unauthorized: 401, 'not-found': 404, unavailable: 503, internal: 500 } as const;

export function defaultStaticDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../../dist/renderer'), resolve(here, '../renderer'), resolve(process.cwd(), 'dist/renderer')];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? candidates[0];
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = newToken();
  const api = opts.api ?? createApi(opts.library, opts);
  const staticDir = resolve(opts.staticDir ?? defaultStaticDir());
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('request failed:', err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('internal error');
    });
  });

  const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': type, ...SECURITY_HEADERS, 'Content-Security-Policy': contentSecurityPolicy(port), ...headers });
    res.end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) return send(res, 421, 'wrong host');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    // The token arrives once in the URL; swap it for an HttpOnly cookie and drop it from the address bar.
    const given = url.searchParams.get('token');
    if (given !== null) {
      if (!sameToken(given, token)) return send(res, 401, 'invalid token: open the URL printed by sonoteca serve');
      url.searchParams.delete('token');
      return send(res, 303, '', 'text/plain', {
        'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
      });
    }
    if (!sameToken(requestToken(req), token)) return send(res, 401, 'missing or invalid token: open the URL printed by sonoteca serve');

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'use POST', 'text/plain', { Allow: 'POST' });
      const origin = req.headers.origin;
      if (origin && origin !== `http://${req.headers.host}`) return send(res, 403, 'cross-origin call refused');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'send application/json');
      let payload: unknown;
      try {
        payload = JSON.parse((await readBody(req)) || '{}');
      } catch (err) {
        const message = (err as Error).message === 'too large' ? 'request body too large' : 'request body is not valid JSON';
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'bad-request', message } }), 'application/json');
      }
      const result = await api.handle(decodeURIComponent(url.pathname.slice(5)), payload);
      return send(res, result.ok ? 200 : STATUS[result.error.code], JSON.stringify(result), 'application/json', { 'Cache-Control': 'no-store' });
    }

    if (url.pathname.startsWith('/audio/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'use GET');
      const id = Number(url.pathname.slice(7));
      if (!Number.isSafeInteger(id) || id < 1) return send(res, 400, 'bad sample id');
      const guarded = await api.audioFile(id);
      if (!guarded.ok) return send(res, guarded.status, guarded.reason);
      return sendFile(res, guarded.path, audioMime(guarded.path), req.headers.range, { ...SECURITY_HEADERS });
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = resolve(staticDir, rel);
    if (rel.includes('\0') || !file.startsWith(staticDir + sep)) return send(res, 403, 'forbidden');
    const type = STATIC_TYPES[extname(file)] ?? 'application/octet-stream';
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': type, ...SECURITY_HEADERS, 'Content-Security-Policy': contentSecurityPolicy(port), 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      if (rel === 'index.html') return send(res, 500, `the UI is not built: run npm run build (looked in ${staticDir})`);
      send(res, 404, 'not found');
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const ok = hostAllowed(req, port) && sameToken(requestToken(req), token) && new URL(req.url ?? '/', 'http://x').pathname === '/events'
      && (!req.headers.origin || req.headers.origin === `http://${req.headers.host}`);
    if (!ok) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', () => {}); // events flow one way; anything sent to us is ignored
    });
  });
  const offEvents = api.onEvent((event, payload) => {
    const msg = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(msg);
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, host, () => ok());
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : opts.port ?? 0;

  return {
    url: `http://${host}:${port}/?token=${token}`,
    token,
    port,
    api,
    async close() {
      offEvents();
      for (const ws of sockets) ws.terminate();
      wss.close();
      if (!opts.api) api.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
