// Custom protocols: `sonoteca-app://ui/…` serves the built renderer (no file:// and no remote content), and
// `sonoteca-audio://sample/<id>` streams audio with Range support, only files the path guard lets through.
import { protocol } from 'electron';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { AUDIO_PROTOCOL } from '../../shared/contract/api.js';
import { audioMime, parseByteRange } from '../api/byte-range.js';
import type { CoreClient } from './core-client.js';
import { CSP } from './security-policy.js';

export const APP_PROTOCOL = 'sonoteca-app';
export { APP_ORIGIN } from './ipc-guard.js';

/** Must run before app 'ready'. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: AUDIO_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

export function handleProtocols(uiDir: string, core: CoreClient): void {
  const root = resolve(uiDir);
  protocol.handle(APP_PROTOCOL, async (req) => {
    const url = new URL(req.url);
    if (url.host !== 'ui') return new Response('not found', { status: 404 });
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = resolve(root, rel);
    if (rel.includes('\0') || !file.startsWith(root + sep)) return new Response('forbidden', { status: 403 });
    try {
      return new Response(new Uint8Array(await readFile(file)), { headers: { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });

  protocol.handle(AUDIO_PROTOCOL, async (req) => {
    const url = new URL(req.url);
    const id = Number(url.pathname.replace(/^\/+/, ''));
    if (url.host !== 'sample' || !Number.isSafeInteger(id) || id < 1) return new Response('bad audio URL', { status: 400 });
    const guarded = await core.audioPath(id);
    if (!guarded.ok) return new Response(guarded.reason, { status: guarded.status });
    let size: number;
    try {
      size = (await stat(guarded.path)).size;
    } catch {
      return new Response('audio file not found', { status: 404 });
    }
    const range = parseByteRange(req.headers.get('range'), size);
    const headers: Record<string, string> = { 'Content-Type': audioMime(guarded.path), 'Accept-Ranges': 'bytes' };
    if (range.kind === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
    headers['Content-Length'] = String(end - start + 1);
    if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    const body = Readable.toWeb(createReadStream(guarded.path, { start, end })) as ReadableStream<Uint8Array>;
    return new Response(body, { status: range.kind === 'partial' ? 206 : 200, headers });
  });
}
