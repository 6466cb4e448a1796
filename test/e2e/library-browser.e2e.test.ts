// End to end in a real browser against the browser-mode host: empty state, add a folder, search and filter,
// audition with the keyboard, correct a label and see it survive a reload, make a group.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main/serve/start-server.js';
import { openIndexOnlyLibrary, writeWav } from '../serve/test-library.js';
import { buildUi } from '../../scripts/build-ui.mjs';
import { launchChromium, waitForInspectorLabel } from './browser.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
let base: string;
let server: RunningServer;
let lib: ReturnType<typeof openIndexOnlyLibrary>;
let browser: Browser;
let page: Page;

before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'sonoteca-e2e-')));
  const root = join(base, 'My Samples');
  for (const d of ['Kicks', 'Snares', 'Hats']) await mkdir(join(root, d), { recursive: true });
  for (let i = 1; i <= 12; i++) await writeWav(join(root, 'Kicks', `Kick ${String(i).padStart(2, '0')}.wav`), 45 + i * 3, 0.4);
  for (let i = 1; i <= 8; i++) await writeWav(join(root, 'Snares', `Snare Crack ${i}.wav`), 180 + i * 10, 0.25);
  for (let i = 1; i <= 6; i++) await writeWav(join(root, 'Hats', `Hat Closed ${i}.wav`), 6000 + i * 200, 0.08);
  const ui = join(base, 'ui');
  await buildUi({ outdir: ui, minify: false });
  lib = openIndexOnlyLibrary(join(base, 'lib'));
  server = await startServer({ library: lib, staticDir: ui, autoAnalyse: false });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('console error:', m.text());
  });
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  lib?.close();
  await rm(base, { recursive: true, force: true });
});

const rowNames = () => page.$$eval('[data-testid="table-body"] [role="row"] .td-name', (els) => els.map((e) => e.textContent ?? ''));

test('empty library shows the drop target, adding a folder fills the list', async () => {
  await page.goto(server.url);
  await page.getByTestId('empty-state').waitFor();
  assert.match(await page.getByTestId('empty-state').innerText(), /Drop a sample folder here/);
  await page.screenshot({ path: join(ARTIFACTS, 'empty-state.png') });
  await page.getByTestId('empty-add-folder').click();
  await page.getByTestId('folder-path').fill(join(base, 'nope'));
  await page.getByTestId('folder-submit').click();
  await page.getByTestId('errors').waitFor();
  assert.match(await page.getByTestId('errors').innerText(), /folder not found/);
  await page.getByTestId('folder-path').fill(join(base, 'My Samples'));
  await page.getByTestId('folder-submit').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="table-body"] [role="row"] .td-name').length === 26);
  assert.match(await page.getByTestId('list-info').innerText(), /26 sounds/);
});

test('search and sort', async () => {
  await page.getByTestId('search').fill('snare');
  await page.waitForFunction(() => /^8 sounds/.test(document.querySelector('[data-testid="list-info"]')?.textContent ?? ''));
  const names = await rowNames();
  assert.equal(names.length, 8);
  assert.ok(names.every((n) => n.startsWith('Snare Crack')));
  await page.getByTestId('search').fill('');
  await page.waitForFunction(() => /^26 sounds/.test(document.querySelector('[data-testid="list-info"]')?.textContent ?? ''));
  await page.locator('.th', { hasText: 'Name' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="table-body"] [role="row"] .td-name')?.textContent?.startsWith('Snare Crack 8'));
  await page.locator('.th', { hasText: 'Name' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="table-body"] [role="row"] .td-name')?.textContent === 'Hat Closed 1.wav');
});

test('a row clicked while the list is reloading stays selected when the reload lands', async () => {
  const firstRow = () => page.$eval('[data-testid="table-body"] [role="row"] .td-name', (e) => e.textContent ?? '');
  const focusedRow = () => page.$eval('[data-testid="table-body"] [role="row"].focused .td-name', (e) => e.textContent ?? '');
  await page.locator('[role="row"]', { hasText: 'Kick 01.wav' }).click();
  await page.getByTestId('detail').locator('h2', { hasText: 'Kick 01.wav' }).waitFor();
  // Hold the id list in flight (as a busy server would during analysis) while the user clicks another row.
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let issued!: () => void;
  const inFlight = new Promise<void>((r) => (issued = r));
  await page.route('**/api/samples.ids', async (route) => {
    issued();
    await released;
    await route.continue();
  });
  await page.locator('.th', { hasText: 'Name' }).click();
  await inFlight;
  await page.locator('[role="row"]', { hasText: 'Snare Crack 3.wav' }).click();
  await page.getByTestId('detail').locator('h2', { hasText: 'Snare Crack 3.wav' }).waitFor();
  release();
  await page.waitForFunction(() => document.querySelector('[data-testid="table-body"] [role="row"] .td-name')?.textContent?.startsWith('Snare Crack 8'));
  await page.unroute('**/api/samples.ids');
  assert.equal(await firstRow(), 'Snare Crack 8.wav');
  assert.equal(await focusedRow(), 'Snare Crack 3.wav', 'the reload must not put the focus back on the row clicked before it');
  assert.equal(await page.getByTestId('detail').locator('h2').innerText(), 'Snare Crack 3.wav');
  await page.locator('.th', { hasText: 'Name' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="table-body"] [role="row"] .td-name')?.textContent === 'Hat Closed 1.wav');
});

test('select plays; arrow keys move and play the next file', async () => {
  const firstId = await page.locator('[role="row"][data-index="0"]').getAttribute('data-id');
  await page.locator('[role="row"][data-index="0"]').click();
  // Wait on what stays true after a short hit has finished: the file playback started with (a busy machine can
  // finish a 0.1 s hat before the page is polled again). Earlier tests played other rows, so wait for this one.
  await page.waitForFunction((id) => window.__sonotecaPlayer?.lastStartedUrl === `/audio/${id}`, firstId);
  await page.keyboard.press('ArrowDown');
  const secondId = await page.locator('[role="row"][data-index="1"]').getAttribute('data-id');
  await page.waitForFunction((id) => window.__sonotecaPlayer?.lastStartedUrl === `/audio/${id}`, secondId);
  // The audio clock advances: sound is really being rendered, not just requested.
  const t0 = await page.evaluate(() => window.__sonotecaPlayer!.contextTime());
  await page.waitForTimeout(150);
  const t1 = await page.evaluate(() => window.__sonotecaPlayer!.contextTime());
  assert.ok(t1 > t0, 'audio context time advances');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => window.__sonotecaPlayer?.state.playing === false);
  await page.screenshot({ path: join(ARTIFACTS, 'library.png') });
});

test('a corrected label persists across a reload', async () => {
  await page.locator('[role="row"]', { hasText: 'Hat Closed 3.wav' }).click();
  await page.getByTestId('category-select').selectOption('hihat_open');
  await waitForInspectorLabel(page, 'hihat_open');
  await page.reload();
  await page.locator('[role="row"]', { hasText: 'Hat Closed 3.wav' }).waitFor();
  const cell = page.locator('[role="row"]', { hasText: 'Hat Closed 3.wav' }).locator('.td-category');
  assert.equal((await cell.innerText()).trim(), 'Open Hi-hat');
  assert.equal(lib.db.labels.effective(Number(await page.locator('[role="row"]', { hasText: 'Hat Closed 3.wav' }).getAttribute('data-id')))?.source, 'user');
  // Facet filter by the new category.
  await page.getByTestId('facet-categories').locator('li', { hasText: 'Open Hi-hat' }).click();
  await page.waitForFunction(() => /^1 sounds/.test(document.querySelector('[data-testid="list-info"]')?.textContent ?? ''));
  await page.getByTestId('facet-categories').locator('li', { hasText: 'Open Hi-hat' }).click();
});

test('bulk tag a multi-selection and make a group from it', async () => {
  await page.getByTestId('search').fill('kick');
  await page.waitForFunction(() => /^12 sounds/.test(document.querySelector('[data-testid="list-info"]')?.textContent ?? ''));
  await page.locator('[role="row"][data-index="0"]').click();
  await page.locator('[role="row"][data-index="3"]').click({ modifiers: ['Shift'] });
  await page.waitForFunction(() => /4 selected/.test(document.querySelector('[data-testid="list-info"]')?.textContent ?? ''));
  await page.getByTestId('tag-input').fill('punchy, sub');
  await page.getByTestId('tag-input').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[role="row"].selected .chip').length === 8);
  await page.locator('[data-testid="groups"] button', { hasText: '+ New' }).click();
  await page.getByTestId('group-item').first().waitFor();
  assert.match(await page.getByTestId('group-item').first().innerText(), /Group 1\s*4/);
  await page.screenshot({ path: join(ARTIFACTS, 'bulk-selection.png') });
});

test('export the selection: preview the names, then copy', async () => {
  await page.getByTestId('export-open').click();
  await page.getByTestId('export-destination').fill(join(base, 'Exported'));
  await page.getByTestId('export-preview').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="export-dialog"] .plan li').length === 4);
  await page.screenshot({ path: join(ARTIFACTS, 'export-dialog.png') });
  await page.getByTestId('export-run').click();
  await page.getByTestId('export-result').waitFor();
  assert.match(await page.getByTestId('export-result').innerText(), /Wrote 4 files/);
  const files = await readdir(join(base, 'Exported'), { recursive: true });
  assert.equal(files.filter((f) => String(f).endsWith('.wav')).length, 4);
});
