// The demo: a synthesized library is written, analysed and served; the browser shows it labelled and mapped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runDemo, type RunningDemo } from '../../src/main/demo/run-demo.js';
import { buildUi } from '../../scripts/build-ui.mjs';
import { launchChromium } from './browser.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
let base: string;
let demo: RunningDemo;
let browser: Browser;
let page: Page;

before(async () => {
  base = await mkdtemp(join(tmpdir(), 'sonoteca-demo-'));
  await buildUi();
  const lines: string[] = [];
  demo = await runDemo({ dir: base, count: 48, seed: 11, log: (l) => lines.push(l) });
  await demo.analysed;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await demo?.close();
  await rm(base, { recursive: true, force: true });
});

test('the demo library is synthesized, analysed and browsable', async () => {
  const counts = demo.library.db.samples.counts();
  assert.equal(counts.indexed, 48);
  assert.equal(counts.failed, 0, 'every synthesized file decodes and analyses');
  await page.goto(demo.url);
  await page.waitForFunction(() => (document.querySelector('[data-testid="list-info"]')?.textContent ?? '').startsWith('48 sounds'));
  const categories = await page.getByTestId('facet-categories').locator('li').count();
  assert.ok(categories >= 5, `the demo spans many categories (${categories})`);
  await page.locator('[role="row"][data-index="2"]').click();
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(ARTIFACTS, 'demo-library.png') });
  await page.getByTestId('tab-map').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="map-view"]')?.textContent?.includes('48 sounds'), null, { timeout: 60_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(ARTIFACTS, 'demo-map.png') });
});
