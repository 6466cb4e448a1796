// The browser-mode host: token handshake, host check, CSP, contract calls with validation, audio with ranges
// only from inside the roots, and events over the WebSocket.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../src/main/serve/start-server.js';
import { openIndexOnlyLibrary, writeWav } from './test-library.js';

let base: string;
let server: RunningServer;
let lib: ReturnType<typeof openIndexOnlyLibrary>;
let kick: Buffer;
let cookie: string;

before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'sonoteca-serve-')));
  const root = join(base, 'Samples');
  await mkdir(join(root, 'Drums'), { recursive: true });
  await mkdir(join(base, 'private'));
  kick = await writeWav(join(root, 'Drums', 'Kick 808.wav'), 55, 0.5);
  await writeWav(join(root, 'Drums', 'Snare Tight.wav'), 200, 0.25);
  await writeWav(join(base, 'private', 'secret.wav'), 300, 0.1);
  await symlink(join(base, 'private', 'secret.wav'), join(root, 'Drums', 'Linked Secret.wav'));
  const staticDir = join(base, 'ui');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Sonoteca</title>');
  lib = openIndexOnlyLibrary(join(base, 'lib'));
  server = await startServer({ library: lib, staticDir, autoAnalyse: false });
});

after(async () => {
  await server.close();
  lib.close();
  await rm(base, { recursive: true, force: true });
});

interface Res { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }
function http(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}
const call = (name: string, payload: unknown, headers: Record<string, string> = {}) =>
  http(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers }, body: JSON.stringify(payload) });
const json = (r: Res) => JSON.parse(r.body.toString()) as { ok: boolean; value?: never; error?: { code: string; message: string } };

test('the URL token is exchanged for an HttpOnly cookie; nothing works without it', async () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  assert.equal((await http('/')).status, 401);
  assert.equal((await http('/?token=wrong')).status, 401);
  const hello = await http(`/?token=${server.token}`);
  assert.equal(hello.status, 303);
  const setCookie = String(hello.headers['set-cookie']);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  cookie = setCookie.split(';')[0];
  const page = await http('/', { headers: { Cookie: cookie } });
  assert.equal(page.status, 200);
  assert.match(page.body.toString(), /Sonoteca/);
  const csp = String(page.headers['content-security-policy']);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  assert.equal((await call('library.status', {}, { Cookie: 'sonoteca_token=nope' })).status, 401);
  assert.equal((await http('/', { headers: { Cookie: cookie, Host: 'evil.example:80' } })).status, 421);
});

test('static files cannot escape the UI folder', async () => {
  assert.equal((await http('/..%2f..%2fetc/passwd', { headers: { Cookie: cookie } })).status, 403);
  assert.equal((await http('/nothing.js', { headers: { Cookie: cookie } })).status, 404);
});

test('contract calls: validated, typed errors, real results', async () => {
  const bad = await call('samples.list', { query: {}, offset: -5, limit: 10 });
  assert.equal(bad.status, 400);
  assert.match(json(bad).error!.message, /offset/);
  assert.equal((await call('no.such.call', {})).status, 404);
  const notJson = await http('/api/library.status', { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: '{oops' });
  assert.equal(notJson.status, 400);
  const cross = await call('library.status', {}, { Origin: 'http://evil.example' });
  assert.equal(cross.status, 403);
  const missing = await call('library.addFolder', { path: join(base, 'does-not-exist') });
  assert.equal(missing.status, 400);

  const added = json(await call('library.addFolder', { path: join(base, 'Samples') }));
  assert.ok(added.ok);
  const list = json(await call('samples.list', { query: {}, sortBy: 'name', offset: 0, limit: 50 })).value as unknown as { total: number; rows: Array<{ id: number; name: string }> };
  assert.equal(list.total, 3);
  assert.deepEqual(list.rows.map((r) => r.name), ['Kick 808.wav', 'Linked Secret.wav', 'Snare Tight.wav']);
  const found = json(await call('samples.list', { query: { text: 'snare' }, offset: 0, limit: 50 })).value as unknown as { total: number; rows: Array<{ name: string }> };
  assert.deepEqual(found.rows.map((r) => r.name), ['Snare Tight.wav']);
});

test('audio: full and partial content from inside the roots, refused when a link escapes', async () => {
  const list = json(await call('samples.list', { query: {}, sortBy: 'name', offset: 0, limit: 50 })).value as unknown as { rows: Array<{ id: number; name: string }> };
  const kickId = list.rows.find((r) => r.name === 'Kick 808.wav')!.id;
  const secretId = list.rows.find((r) => r.name === 'Linked Secret.wav')!.id;
  const full = await http(`/audio/${kickId}`, { headers: { Cookie: cookie } });
  assert.equal(full.status, 200);
  assert.equal(full.headers['content-type'], 'audio/wav');
  assert.equal(full.headers['accept-ranges'], 'bytes');
  assert.ok(full.body.equals(kick));
  const part = await http(`/audio/${kickId}`, { headers: { Cookie: cookie, Range: 'bytes=44-143' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers['content-range'], `bytes 44-143/${kick.length}`);
  assert.ok(part.body.equals(kick.subarray(44, 144)));
  const tail = await http(`/audio/${kickId}`, { headers: { Cookie: cookie, Range: 'bytes=-10' } });
  assert.ok(tail.body.equals(kick.subarray(kick.length - 10)));
  assert.equal((await http(`/audio/${kickId}`, { headers: { Cookie: cookie, Range: `bytes=${kick.length}-` } })).status, 416);
  assert.equal((await http(`/audio/${secretId}`, { headers: { Cookie: cookie } })).status, 403);
  assert.equal((await http('/audio/999999', { headers: { Cookie: cookie } })).status, 404);
  assert.equal((await http('/audio/..%2f..%2fetc%2fpasswd', { headers: { Cookie: cookie } })).status, 400);
  assert.equal((await http(`/audio/${kickId}`)).status, 401);
});

test('labels, tags and groups persist and are pushed as events', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`, { headers: { Cookie: cookie } });
  const messages: Array<{ event: string; payload: { ids?: number[] } }> = [];
  ws.on('message', (m) => messages.push(JSON.parse(String(m))));
  await new Promise((ok, fail) => { ws.once('open', ok); ws.once('error', fail); });
  const noToken = new WebSocket(`ws://127.0.0.1:${server.port}/events`);
  await assert.rejects(new Promise((ok, fail) => { noToken.once('open', ok); noToken.once('error', fail); }));

  const list = json(await call('samples.list', { query: { text: 'kick' }, offset: 0, limit: 5 })).value as unknown as { rows: Array<{ id: number }> };
  const id = list.rows[0].id;
  const labelled = json(await call('labels.set', { ids: [id], category: 'kick' })).value as unknown as { rows: Array<{ category: { name: string; source: string } }> };
  assert.deepEqual([labelled.rows[0].category.name, labelled.rows[0].category.source], ['kick', 'user']);
  assert.equal((await call('labels.set', { ids: [id], category: 'banjo' })).status, 400);
  const tagged = json(await call('tags.add', { ids: [id], names: ['Punchy ', 'dark'] })).value as unknown as { rows: Array<{ tags: Array<{ name: string; source: string }> }> };
  assert.deepEqual(tagged.rows[0].tags.filter((t) => t.source === 'user').map((t) => t.name).sort(), ['dark', 'punchy']);
  const group = json(await call('groups.create', { name: 'Favourite kicks', sampleIds: [id] })).value as unknown as { id: number; size: number };
  assert.equal(group.size, 1);
  assert.equal((await call('groups.create', { name: 'Favourite kicks' })).status, 400);
  const inGroup = json(await call('samples.list', { query: { groupId: group.id }, offset: 0, limit: 5 })).value as unknown as { total: number };
  assert.equal(inGroup.total, 1);
  const byCat = json(await call('samples.list', { query: { categories: ['kick'] }, offset: 0, limit: 5 })).value as unknown as { total: number; facets: { categories: Array<{ value: string; count: number }> } };
  assert.equal(byCat.total, 1);
  // The label is in the database, not only in the host's memory.
  assert.equal(lib.db.labels.effective(id)?.category, 'kick');
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(messages.some((m) => m.event === 'samples-changed' && m.payload.ids?.includes(id)));
  assert.ok(messages.some((m) => m.event === 'library-changed'));
  ws.close();
});

test('detail, group lifecycle, label accept/clear, and empty intelligence views', async () => {
  const list = json(await call('samples.list', { query: { text: 'snare' }, offset: 0, limit: 5 })).value as unknown as { rows: Array<{ id: number }> };
  const id = list.rows[0].id;
  const detail = json(await call('samples.detail', { id })).value as unknown as { sample: { name: string; status: string }; peaks: unknown; label: unknown };
  assert.equal(detail.sample.name, 'Snare Tight.wav');
  assert.equal(detail.sample.status, 'pending');
  assert.equal(detail.peaks, null, 'no peaks before analysis');
  assert.equal((await call('samples.detail', { id: 987654 })).status, 404);

  await call('labels.set', { ids: [id], category: 'snare' });
  assert.equal(lib.db.labels.effective(id)?.source, 'user');
  await call('labels.clearUser', { ids: [id] });
  assert.notEqual(lib.db.labels.effective(id)?.source, 'user', 'clearing the correction falls back to the derived label');

  const a = json(await call('groups.create', { name: 'A' })).value as unknown as { id: number };
  const b = json(await call('groups.create', { name: 'B', sampleIds: [id] })).value as unknown as { id: number };
  const renamed = json(await call('groups.rename', { id: a.id, name: 'Alpha' })).value as unknown as { name: string };
  assert.equal(renamed.name, 'Alpha');
  assert.equal((await call('groups.rename', { id: a.id, name: 'B' })).status, 400, 'names stay unique');
  const reordered = json(await call('groups.reorder', { ids: [b.id, a.id] })).value as unknown as { groups: Array<{ id: number }> };
  const order = reordered.groups.map((g) => g.id);
  assert.ok(order.indexOf(b.id) < order.indexOf(a.id));
  const afterRemove = json(await call('groups.remove', { id: b.id })).value as unknown as { groups: Array<{ id: number }> };
  assert.ok(!afterRemove.groups.some((g) => g.id === b.id));
  assert.ok(lib.db.samples.get(id), 'removing a group never removes its samples');

  const map = json(await call('map.points', {})).value as unknown as { count: number };
  assert.equal(map.count, 0, 'nothing analysed, nothing on the map');
  assert.deepEqual((json(await call('duplicates.list', {})).value as unknown as { sets: unknown[] }).sets, []);
  assert.equal((json(await call('report.get', {})).value as unknown as { labelled: number }).labelled, 0);
  assert.equal((await call('similar.query', { sampleId: id, k: 5 })).status, 503, 'similar waits for analysis');

  // Export copies the chosen sounds to a new folder; the originals stay untouched.
  const dest = join(base, 'Export Here');
  const preview = json(await call('export.preview', { destination: dest, layout: 'flat', mode: 'copy', sampleIds: [id] })).value as unknown as { items: Array<{ to: string }> };
  assert.equal(preview.items.length, 1);
  const run = json(await call('export.run', { destination: dest, layout: 'flat', mode: 'copy', sampleIds: [id] })).value as unknown as { written: number };
  assert.equal(run.written, 1);
  const copied = await readFile(join(dest, preview.items[0].to));
  assert.ok(copied.equals(await readFile(join(base, 'Samples', 'Drums', 'Snare Tight.wav'))));
  assert.equal((await call('export.run', { destination: dest, layout: 'flat', mode: 'copy', groupIds: [999] })).status, 404);
});
