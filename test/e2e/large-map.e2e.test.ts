// A dense map in the real page: every point of a 20k-sound library is drawn, with smaller points than a small map,
// into a render target sized to the map (not the window); wheel zoom redraws it, and hovering a point plays its
// file. (bench/ui-map-smoothness.ts measures frame times at 100k.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main/serve/start-server.js';
import { buildUi } from '../../scripts/build-ui.mjs';
import { launchChromium } from './browser.js';
import { buildMapLibrary } from './large-map-library.js';

const N = 20_000;
let base: string;
let server: RunningServer;
let lib: Awaited<ReturnType<typeof buildMapLibrary>>;
let browser: Browser;
let page: Page;

before(async () => {
  base = await mkdtemp(join(tmpdir(), 'sonoteca-e2e-map-'));
  lib = await buildMapLibrary(join(base, 'lib'), join(base, 'Dense Pack'), N);
  const ui = await buildUi({ outdir: join(base, 'ui') });
  server = await startServer({ library: lib, staticDir: ui, autoAnalyse: false });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

after(async () => {
  await browser?.close();
  await server?.close();
  lib?.close();
  await rm(base, { recursive: true, force: true });
});

// Pixels of the visible map canvas that are not background, and where the first such pixel is (CSS pixels).
const litPixels = () => page.evaluate(`(() => {
  const c = document.querySelector('[data-testid="map-canvas"]');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let lit = 0, first = -1;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i] + d[i + 1] + d[i + 2] > 150) { lit++; if (first < 0) first = i / 4; }
  }
  const r = devicePixelRatio;
  return { lit, x: (first % c.width) / r, y: Math.floor(first / c.width) / r };
})()`) as Promise<{ lit: number; x: number; y: number }>;

test('every point of a 20k map is drawn, small, into a target the size of the map', async () => {
  await page.goto(server.url);
  await page.waitForFunction((n) => (document.querySelector('[data-testid="list-info"]')?.textContent ?? '').startsWith(`${n.toLocaleString()} sounds`), N);
  await page.getByTestId('tab-map').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="map-canvas"]')?.getAttribute('data-drawn-points') === String(n), N, { timeout: 240_000 });
  assert.match(await page.getByTestId('map-view').innerText(), /20,000 sounds/);
  const canvas = page.getByTestId('map-canvas');
  const size = Number(await canvas.getAttribute('data-point-size'));
  assert.ok(size >= 2 && size < 6, `a dense map draws smaller points (${size} px)`);
  const box = (await canvas.boundingBox())!;
  const dpr = (await page.evaluate('devicePixelRatio')) as number;
  assert.equal(await canvas.getAttribute('data-render-size'), `${Math.ceil(box.width) * dpr}x${Math.ceil(box.height) * dpr}`);
  assert.ok(box.width < 1440 - 100, 'the map is narrower than the window, so its render target is too');
  const { lit } = await litPixels();
  assert.ok(lit > 2000, `the points are on screen (${lit} lit pixels)`);
});

test('wheel zoom redraws the map, and hovering a point plays its file', async () => {
  const box = (await page.getByTestId('map-canvas').boundingBox())!;
  const before = await litPixels();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -200);
  await page.waitForFunction((n) => {
    const c = document.querySelector('[data-testid="map-canvas"]') as unknown as { width: number; height: number; getContext(t: '2d'): { getImageData(a: number, b: number, w: number, h: number): { data: ArrayLike<number> } } };
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let lit = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 150) lit++;
    return lit !== n;
  }, before.lit, { timeout: 60_000 });
  const after = await litPixels();
  assert.ok(after.lit > 0, 'zoomed in, points are still drawn');
  // Zooming under the cursor may already have auditioned points; forget those, then hover a lit one.
  await page.evaluate(() => {
    window.__sonotecaPlayer!.lastStartedUrl = null;
  });
  await page.mouse.move(box.x + after.x + 1, box.y + after.y + 1);
  await page.waitForFunction(() => /^\/audio\/\d+$/.test(window.__sonotecaPlayer?.lastStartedUrl ?? ''), null, { timeout: 30_000 });
});
