// Map smoothness at 100k points in the real UI (issue #4: "WebGL scatter of the whole library … zoom/pan smooth at
// 100k points"): a 100k-sound library with stored vectors and map positions, the real page in Chromium, the map
// opened, then wheel-zoom and drag-pan driven continuously while the page records every animation frame.
// Usage: node --import tsx bench/ui-map-smoothness.ts [--n 100000] [--seconds 6] [--control 2000 (0: none)]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { startServer } from '../src/main/serve/start-server.js';
import { buildMapLibrary, MAP_CLUSTERS, MAP_VECTOR_DIM } from '../test/e2e/large-map-library.js';
import { buildUi } from '../scripts/build-ui.mjs';
import { launchChromium } from '../test/e2e/browser.js';
import { writeBenchSection } from './bench-report.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('n', 100_000);
const SECONDS = arg('seconds', 6);
const CONTROL = arg('control', 2000);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

// Page-side recorder: a timestamp per animation frame while `__recording` is set, and the main thread's long tasks
// (to tell our JavaScript's jank from the rasteriser's).
const RECORDER = `(() => {
  window.__frames = [];
  window.__longTasks = [];
  window.__recording = true;
  new PerformanceObserver((l) => { if (window.__recording) for (const e of l.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' });
  const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;

/** Alternates wheel zoom in, drag pans around a circle and wheel zoom out until `seconds` have passed. */
async function drive(page: Page, seconds: number): Promise<{ wheels: number; moves: number }> {
  const box = (await page.getByTestId('map-canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const end = performance.now() + seconds * 1000;
  let wheels = 0;
  let moves = 0;
  while (performance.now() < end) {
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 10; i++, wheels++) await page.mouse.wheel(0, -100);
    // Half circles, so no drag ends where it began (that would be a click, which selects a point).
    await page.mouse.down();
    for (let a = 0; a <= Math.PI; a += Math.PI / 24, moves++) await page.mouse.move(cx + 120 * Math.sin(a), cy - 120 + 120 * Math.cos(a));
    await page.mouse.up();
    await page.mouse.down();
    for (let a = Math.PI; a >= 0; a -= Math.PI / 24, moves++) await page.mouse.move(cx - 120 * Math.sin(a), cy - 120 + 120 * Math.cos(a));
    await page.mouse.up();
    await page.mouse.move(cx + 40, cy + 30);
    for (let i = 0; i < 10; i++, wheels++) await page.mouse.wheel(0, 100);
  }
  return { wheels, moves };
}

interface MapRun {
  n: number;
  fps: number;
  dt: number[];
  long: number;
  firstDraw: number;
  fetchMs: number;
  warmMs: number;
  busyMs: number;
  longTasks: number;
  seconds: number;
  wheels: number;
  moves: number;
  renderer: string;
  browser: string;
}

async function measure(n: number): Promise<MapRun> {
  const base = await mkdtemp(join(tmpdir(), 'sonoteca-bench-map-ui-'));
  try {
    let t = performance.now();
    const lib = await buildMapLibrary(join(base, 'lib'), join(base, 'Huge Pack'), n);
    console.log(`${n.toLocaleString('en')} sounds with vectors, embeddings and a stored map written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const ui = await buildUi({ outdir: join(base, 'ui') });
    const server = await startServer({ library: lib, staticDir: ui, autoAnalyse: false });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
      page.on('pageerror', (e) => console.error('page error:', e.message));
      await page.goto(server.url);
      await page.waitForFunction(`(document.querySelector('[data-testid="list-info"]')?.textContent ?? '').startsWith('${n.toLocaleString('en')} sounds')`, null, { timeout: 60_000 });
      // Let start-up work settle first: the similar panel's first answer builds the similarity index.
      await page.getByTestId('similar-hit').first().waitFor({ timeout: 300_000 });
      // When the map says it has drawn every point, measured in the page from the click on the tab.
      await page.evaluate(`(() => {
        window.__tabDown = 0; window.__drawnAt = 0;
        window.addEventListener('mousedown', (e) => { if (!window.__tabDown) window.__tabDown = e.timeStamp; }, { capture: true });
        new MutationObserver(() => {
          if (!window.__drawnAt && document.querySelector('[data-testid="map-canvas"]')?.dataset.drawnPoints === '${n}') window.__drawnAt = performance.now();
        }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-drawn-points'] });
      })()`);
      // The server shares this process: while it computes the cold map the click's acknowledgement waits too.
      await page.getByTestId('tab-map').click({ timeout: 300_000 });
      await page.waitForFunction('window.__drawnAt > 0', null, { timeout: 300_000 });
      const firstDraw = (await page.evaluate('window.__drawnAt - window.__tabDown')) as number;
      const fetchMs = (await page.evaluate(`(() => {
        const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/api/map.points'));
        return e ? e.responseEnd - e.startTime : NaN;
      })()`)) as number;
      t = performance.now();
      await server.api.call('map.points', {});
      const warmMs = performance.now() - t;
      console.log(`time to first map draw: ${firstDraw.toFixed(0)} ms, of which the map.points request ${fetchMs.toFixed(0)} ms (cold; ${warmMs.toFixed(0)} ms warm)`);
      await page.waitForTimeout(500);

      await page.evaluate(RECORDER);
      t = performance.now();
      const { wheels, moves } = await drive(page, SECONDS);
      const seconds = (performance.now() - t) / 1000;
      await page.evaluate('window.__recording = false');
      const frames = (await page.evaluate('window.__frames')) as number[];
      const dt = frames.slice(1).map((f, i) => f - frames[i]);
      const fps = dt.length / ((frames.at(-1)! - frames[0]) / 1000);
      const longTaskList = (await page.evaluate('window.__longTasks')) as number[];
      const run: MapRun = {
        n, fps, dt, long: dt.filter((d) => d > 50).length, firstDraw, fetchMs, warmMs, seconds, wheels, moves,
        busyMs: longTaskList.reduce((a, b) => a + b, 0), longTasks: longTaskList.length, browser: browser.version(),
        renderer: (await page.evaluate(`(() => {
          const gl = document.createElement('canvas').getContext('webgl2');
          const ext = gl && gl.getExtension('WEBGL_debug_renderer_info');
          return ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : 'unknown';
        })()`)) as string,
      };
      console.log(`${seconds.toFixed(1)} s of zoom/pan (${wheels} wheel steps, ${moves} drag moves): ${fps.toFixed(1)} fps, frame p50 ${quantile(dt, 0.5).toFixed(1)} ms, p95 ${quantile(dt, 0.95).toFixed(1)} ms, max ${Math.max(...dt).toFixed(1)} ms; main thread in long tasks ${(run.busyMs / 1000).toFixed(1)} s (${run.longTasks})`);
      return run;
    } finally {
      await browser.close();
      await server.close();
      lib.close();
    }
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

const runs = [await measure(N)];
// The same driving over a small map separates the cost of 100k points from the fixed cost of each software frame.
if (CONTROL > 0) runs.push(await measure(CONTROL));
const f = (v: number) => `${v.toFixed(1)} ms`;
const rows = runs.map((r) => `| ${r.n.toLocaleString('en')} | ${r.fps.toFixed(1)} | ${f(quantile(r.dt, 0.5))} | ${f(quantile(r.dt, 0.95))} | ${f(Math.max(...r.dt))} | ${r.long} of ${r.dt.length} | ${(r.busyMs / 1000).toFixed(1)} of ${r.seconds.toFixed(1)} s | ${(r.firstDraw / 1000).toFixed(2)} s (${(r.fetchMs / 1000).toFixed(2)} s request) | ${(r.warmMs / 1000).toFixed(2)} s |`);
const r0 = runs[0];
writeBenchSection('ui-map', 'Map: zoom/pan smoothness in the real UI (`npm run bench:map-ui`)', `
Libraries with stored ${MAP_VECTOR_DIM}-d vectors, embeddings and map positions in ${MAP_CLUSTERS} clusters, browser mode in headless
Chromium ${r0.browser}, 1440×860 window. After the list and similar panel have loaded, the Map tab is opened, then
for about ${SECONDS} s (longer when frames are slow) wheel zoom in, two drag pans and wheel zoom out repeat while the
page timestamps every animation frame and records main-thread long tasks.

**WebGL here is software**: \`${r0.renderer}\` — headless Chromium rasterises on the CPU with SwiftShader, on 2
cores shared with other work, so every redraw costs about 100 ms or more whatever the point count (see the small
control map); frames between inputs redraw nothing, hence p50 ≈ 16.7 ms, while p95, max and long tasks show the redraws. A desktop GPU draws 100k points in well under a frame; these figures are a floor to track regressions, not what
a user sees. "First draw" runs from the click on the Map tab to the scatter reporting every point drawn, including
the map.points request (cold: the server loads and standardises vectors and computes clusters on first use).

History (2026-11-23, same machine and driving, 100k points): with 6 px points at every size and the scatterplot's
default window-sized render target, 4.9 fps, frame p95 733 ms, max 1250 ms, main thread in long tasks 42.3 of 43.3 s.

| points | fps | frame p50 | p95 | max | frames > 50 ms | main thread in long tasks | first draw (cold) | map.points warm |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`);
console.log('written to docs/benchmarks.md');
