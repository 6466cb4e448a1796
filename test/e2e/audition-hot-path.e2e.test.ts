// The audition hot path in the real page (issue #4, keypress to sound under 30 ms): the sounds around the
// selection are decoded before they are selected, and ↓ onto a decoded sound starts it inside the key handler,
// before anything the UI renders for that keypress. (bench/ui-audition-latency.ts measures the time itself.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../src/main/serve/start-server.js';
import { openIndexOnlyLibrary, writeWav } from '../serve/test-library.js';
import { openUi, type UiSession } from './browser.js';

const COUNT = 12;
let base: string;
let server: RunningServer;
let lib: ReturnType<typeof openIndexOnlyLibrary>;
let ui: UiSession;
let page: Page;
let ids: number[];

before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'sonoteca-e2e-audition-')));
  const root = join(base, 'Tones');
  await mkdir(root, { recursive: true });
  for (let i = 1; i <= COUNT; i++) await writeWav(join(root, `Tone ${String(i).padStart(2, '0')}.wav`), 110 * i, 0.3);
  lib = openIndexOnlyLibrary(join(base, 'lib'));
  await lib.addRoots([root]);
  ui = await openUi(lib, join(base, 'ui'), { autoAnalyse: false });
  ({ server, page } = ui);
  await page.goto(server.url);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="table-body"] [role="row"] .td-name').length === n, COUNT);
  ids = await page.$$eval('[data-testid="table-body"] [role="row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
  assert.equal(new Set(ids).size, COUNT);
});

after(async () => {
  await ui?.close();
  lib?.close();
  await rm(base, { recursive: true, force: true });
});

const decoded = (id: number) => page.evaluate((i) => window.__sonotecaPlayer!.isDecoded(i), id);
const focusedIndex = () => page.evaluate(() => Number(document.querySelector('[role="row"].focused')?.getAttribute('data-index') ?? -1));

test('selecting a row decodes the rows around it before they are selected', async () => {
  assert.equal(await decoded(ids[1]), false, 'nothing is decoded before the first selection');
  await page.locator('[role="row"][data-index="0"]').click();
  await page.waitForFunction((u) => window.__sonotecaPlayer?.lastStartedUrl === u, `/audio/${ids[0]}`);
  await page.waitForFunction((next) => next.every((i) => window.__sonotecaPlayer!.isDecoded(i)), [ids[1], ids[2], ids[3]]);
  assert.equal(await focusedIndex(), 0, 'the neighbours were decoded while row 0 was still the selection');
  assert.equal(await decoded(ids[COUNT - 1]), false, 'far rows are not fetched');
});

test('a decoded sound starts before play() returns; an undecoded one after its decode', async () => {
  const [syncUrl, asyncUrlAtReturn] = await page.evaluate(([near, far]) => {
    const p = window.__sonotecaPlayer!;
    void p.play(near);
    const a = p.lastStartedUrl;
    void p.play(far);
    return [a, p.lastStartedUrl];
  }, [ids[2], ids[COUNT - 1]]);
  assert.equal(syncUrl, `/audio/${ids[2]}`, 'decoded: started synchronously');
  assert.equal(asyncUrlAtReturn, `/audio/${ids[2]}`, 'not decoded yet: not started when play() returned');
  await page.waitForFunction((u) => window.__sonotecaPlayer?.lastStartedUrl === u, `/audio/${ids[COUNT - 1]}`);
  await page.evaluate(() => window.__sonotecaPlayer!.stop());
});

test('↓ through the list: every press starts its sound inside the key handler, and prefetch stays ahead', async () => {
  await page.locator('[role="row"][data-index="0"]').click();
  await page.waitForFunction((next) => next.every((i) => window.__sonotecaPlayer!.isDecoded(i)), [ids[1], ids[2]]);
  // Record, for each play() the app makes, whether the sound had started by the time play() returned.
  await page.evaluate(`(() => {
    const p = window.__sonotecaPlayer;
    const play = p.play.bind(p);
    window.__startedInCall = [];
    p.play = (id, o) => { const r = play(id, o); window.__startedInCall.push(p.lastStartedUrl === '/audio/' + id); return r; };
  })()`);
  for (let k = 1; k <= 6; k++) {
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((u) => window.__sonotecaPlayer?.lastStartedUrl === u, `/audio/${ids[k]}`);
    await page.waitForFunction((next) => next.every((i) => window.__sonotecaPlayer!.isDecoded(i)), [ids[k + 1], ids[k + 2]]);
  }
  const started = (await page.evaluate('window.__startedInCall')) as boolean[];
  assert.deepEqual(started, [true, true, true, true, true, true]);
  await page.keyboard.press('Escape');
});
