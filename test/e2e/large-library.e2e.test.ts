// 100k rows in the browser: only the visible window is in the DOM, scrolling to the end and sorting stay quick
// (timings printed, not asserted), and the keyboard still moves through the list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main/serve/start-server.js';
import { openIndexOnlyLibrary } from '../serve/test-library.js';
import { buildUi } from '../../scripts/build-ui.mjs';
import { launchChromium } from './browser.js';

const N = 100_000;
let base: string;
let server: RunningServer;
let lib: ReturnType<typeof openIndexOnlyLibrary>;
let browser: Browser;
let page: Page;

before(async () => {
  base = await mkdtemp(join(tmpdir(), 'sonoteca-e2e-large-'));
  const ui = join(base, 'ui');
  await buildUi({ outdir: ui });
  lib = openIndexOnlyLibrary(join(base, 'lib'));
  // Index rows directly (the files need not exist to list them): a 100k-sound library in a few seconds.
  const root = lib.db.roots.add(join(base, 'Huge Pack'));
  const kinds = ['Kick', 'Snare', 'Hat', 'Perc', 'Bass', 'Pad', 'Lead', 'FX'];
  for (let i = 0; i < N; i += 10_000) {
    lib.db.samples.indexBatch(Array.from({ length: 10_000 }, (_, j) => {
      const k = i + j;
      const name = `${kinds[k % 8]} ${String(k).padStart(6, '0')}.wav`;
      return { rootId: root.id, path: join(base, 'Huge Pack', kinds[k % 8], name), relPath: `${kinds[k % 8]}/${name}`, name, ext: 'wav', sizeBytes: 1000 + k, mtimeMs: 1 };
    }));
  }
  server = await startServer({ library: lib, staticDir: ui, autoAnalyse: false });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  await mkdir(join(process.cwd(), 'test-artifacts'), { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  lib?.close();
  await rm(base, { recursive: true, force: true });
});

test('100k rows: windowed DOM, quick scroll to the end, sort and keyboard', async () => {
  const t0 = performance.now();
  await page.goto(server.url);
  await page.waitForFunction((n) => (document.querySelector('[data-testid="list-info"]')?.textContent ?? '').startsWith(`${n.toLocaleString()} sounds`), N);
  await page.waitForFunction(() => document.querySelector('[data-testid="table-body"] [role="row"] .td-name')?.textContent === 'Bass 000004.wav');
  const t1 = performance.now();
  const domRows = await page.evaluate(() => document.querySelectorAll('[data-testid="table-body"] [role="row"]').length);
  assert.ok(domRows > 10 && domRows < 100, `only the visible window is rendered (${domRows} rows)`);
  await page.locator('[role="row"][data-index="0"]').click();
  await page.keyboard.press('End');
  await page.waitForFunction((n) => document.querySelector(`[role="row"][data-index="${n - 1}"] .td-name`)?.textContent === 'Snare 099993.wav', N);
  const t2 = performance.now();
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction((n) => document.querySelector(`[role="row"][data-index="${n - 2}"]`)?.getAttribute('class')?.includes('focused'), N);
  await page.locator('.th', { hasText: 'Name' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="table-body"] [role="row"] .td-name')].some((e) => e.textContent === 'Snare 099993.wav'));
  const t3 = performance.now();
  console.log(`100k rows: first paint ${(t1 - t0).toFixed(0)} ms, jump to end ${(t2 - t1).toFixed(0)} ms, re-sort ${(t3 - t2).toFixed(0)} ms; ${domRows} rows in the DOM`);
  await page.screenshot({ path: join(process.cwd(), 'test-artifacts', 'large-library.png') });
});
