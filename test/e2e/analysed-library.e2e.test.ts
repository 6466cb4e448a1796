// End to end with the real core (scan + analysis): rows appear and fill in during analysis, the similar panel finds
// sounds of the same kind, the map draws every sound and a lasso makes a group; screenshots of each view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Library } from '../../src/main/core/library.js';
import { startServer, type RunningServer } from '../../src/main/serve/start-server.js';
import { buildUi } from '../../scripts/build-ui.mjs';
import { launchChromium } from './browser.js';
import { writeFixture, type FixtureKind } from './fixture-sounds.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const PER_KIND = 10;
let base: string;
let server: RunningServer;
let library: Library;
let browser: Browser;
let page: Page;

before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'sonoteca-e2e-full-')));
  const root = join(base, 'Pack');
  const folders: Record<FixtureKind, string> = { kick: 'Kicks', snare: 'Snares', hat: 'Hats', pad: 'Pads' };
  for (const [kind, folder] of Object.entries(folders) as Array<[FixtureKind, string]>) {
    await mkdir(join(root, folder), { recursive: true });
    for (let i = 1; i <= PER_KIND; i++) await writeFixture(join(root, folder, `${folder.slice(0, -1)} ${String(i).padStart(2, '0')}.wav`), kind, i);
  }
  const ui = join(base, 'ui');
  await buildUi({ outdir: ui, minify: false });
  // As the app opens it: sounds are labelled after each analysis run.
  library = Library.open(join(base, 'lib'), { classify: true });
  server = await startServer({ library, staticDir: ui });
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
  await library?.close();
  await rm(base, { recursive: true, force: true });
});

test('rows appear at once and fill in as analysis runs', async () => {
  await page.goto(server.url);
  await page.getByTestId('empty-add-folder').click();
  await page.getByTestId('folder-path').fill(join(base, 'Pack'));
  // Record what the page shows while analysis runs: rows marked pending, and the progress bar.
  await page.evaluate(`(() => {
    window.__seen = { pendingRows: 0, progress: false };
    new MutationObserver(() => {
      const pending = [...document.querySelectorAll('[data-testid="table-body"] [role="row"] .td-duration')].filter((e) => e.textContent === '').length;
      window.__seen.pendingRows = Math.max(window.__seen.pendingRows, pending);
      if (document.querySelector('[data-testid="progress"]')) window.__seen.progress = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  await page.getByTestId('folder-submit').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="table-body"] [role="row"] .td-name').length === n, PER_KIND * 4);
  await page.screenshot({ path: join(ARTIFACTS, 'analysing.png') });
  // Durations arrive with analysis, row by row, without a reload.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="table-body"] [role="row"] .td-duration')].every((e) => (e.textContent ?? '').trim() !== ''), null, { timeout: 120_000 });
  const seen = (await page.evaluate('window.__seen')) as { pendingRows: number; progress: boolean };
  assert.ok(seen.pendingRows > 0, 'rows were listed before their analysis finished');
  assert.ok(seen.progress, 'the progress bar showed during analysis');
  const kickLen = await page.locator('[role="row"]', { hasText: 'Kick 01.wav' }).locator('.td-duration').innerText();
  assert.match(kickLen, /^0\.4\d s$/);
  await page.locator('[role="row"]', { hasText: 'Kick 01.wav' }).click();
  // The panel must show the kick (not the row selected before it) before its waveform is clicked.
  await page.getByTestId('detail').filter({ hasText: 'Kick 01.wav' }).waitFor();
  await page.getByTestId('waveform').locator('div').first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, 'library-analysed.png') });
  // Click-to-seek: a click in the middle of the waveform plays from about the middle.
  // The player's own state events record where playback started: a 0.2 s tail is over before a busy machine polls.
  await page.evaluate(`(() => {
    window.__seekFrom = 0;
    window.__sonotecaPlayer.on((s) => { if (s.playing && s.offset > 0) window.__seekFrom = s.offset; });
  })()`);
  const wave = (await page.getByTestId('waveform').boundingBox())!;
  await page.mouse.click(wave.x + wave.width * 0.5, wave.y + wave.height / 2);
  await page.waitForFunction('window.__seekFrom > 0');
  const offset = (await page.evaluate('window.__seekFrom')) as number;
  assert.ok(offset > 0.15 && offset < 0.3, `seeked to ${offset} s of a 0.45 s kick`);
});

test('the similar panel finds sounds of the same kind and plays them', async () => {
  await page.locator('[role="row"]', { hasText: 'Kick 03.wav' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="similar"] h3')?.textContent?.includes('Kick 03.wav'), null, { timeout: 30_000 });
  await page.getByTestId('similar-hit').first().waitFor();
  const names = await page.getByTestId('similar-hit').locator('.hit-name').allInnerTexts();
  const top5 = names.slice(0, 5);
  assert.ok(top5.filter((n) => n.startsWith('Kick')).length >= 4, `top hits should be kicks: ${top5.join(', ')}`);
  assert.ok(!names.includes('Kick 03.wav'), 'the query itself is not in its results');
  // Aspect weights change the ranking: pitch-only puts the pads' pitched neighbours differently than timbre-only.
  const kickId = Number(await page.locator('[role="row"]', { hasText: 'Kick 03.wav' }).getAttribute('data-id'));
  const timbre = await server.api.call('similar.query', { sampleId: kickId, k: 39, weights: { timbre: 1, envelope: 0, pitch: 0 } });
  const pitch = await server.api.call('similar.query', { sampleId: kickId, k: 39, weights: { timbre: 0, envelope: 0, pitch: 1 } });
  assert.notDeepEqual(timbre.hits.map((h) => h.row.id), pitch.hits.map((h) => h.row.id));
  const loopsOnly = await server.api.call('similar.query', { sampleId: kickId, k: 10, filters: { kinds: ['loop'] } });
  assert.equal(loopsOnly.hits.length, 0, 'filters are respected (there are no loops)');
  const snaresOnly = await server.api.call('similar.query', { sampleId: kickId, k: 5, filters: { durationMin: 0.2, durationMax: 0.35 } });
  assert.ok(snaresOnly.hits.length === 5 && snaresOnly.hits.every((h) => h.row.name.startsWith('Snare')), 'duration filter keeps only the 0.3 s snares');
  await page.getByTestId('similar-hit').first().click();
  const id = await page.evaluate(() => window.__sonotecaPlayer?.lastStartedUrl);
  assert.match(String(id), /^\/audio\/\d+$/);
});

test('dropping an external file on the similar panel searches by its sound', async () => {
  const query = join(base, 'outside-query.wav');
  await writeFixture(query, 'snare', 77);
  const b64 = (await readFile(query)).toString('base64');
  const dt = await page.evaluateHandle(`(() => {
    const bin = atob(${JSON.stringify(b64)});
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'Mystery Hit.wav', { type: 'audio/wav' }));
    return dt;
  })()`);
  await page.getByTestId('similar').dispatchEvent('drop', { dataTransfer: dt });
  await page.waitForFunction(() => document.querySelector('[data-testid="similar"] h3')?.textContent?.includes('Mystery Hit.wav'), null, { timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="similar-hit"] .hit-name')?.textContent?.startsWith('Snare'));
  const top = await page.getByTestId('similar-hit').locator('.hit-name').allInnerTexts();
  assert.ok(top.slice(0, 5).every((n) => n.startsWith('Snare')), `an outside snare finds snares: ${top.slice(0, 5).join(', ')}`);
  // A file that is not audio is refused with a clear message, nothing else changes.
  await assert.rejects(server.api.call('similar.query', { upload: { name: 'notes.txt', base64: 'aGVsbG8=' }, k: 5 }), /not a supported audio file/);
  await assert.rejects(server.api.call('similar.query', { upload: { name: 'broken.wav', base64: 'UklGRgAAAABXQVZF' }, k: 5 }), /could not analyse 'broken\.wav'/);
  await page.locator('[data-testid="similar"] button', { hasText: 'Back to selection' }).click();
});

test('the map draws every sound and a lasso makes a group', async () => {
  await page.getByTestId('tab-map').click();
  await page.getByTestId('map-canvas').waitFor();
  await page.waitForFunction((n) => document.querySelector('[data-testid="map-view"]')?.textContent?.includes(`${n} sounds`), PER_KIND * 4, { timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(ARTIFACTS, 'map.png') });
  const box = (await page.getByTestId('map-canvas').boundingBox())!;
  // Lasso (shift-drag) around the whole plot.
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  const steps: Array<[number, number]> = [[box.width - 5, 5], [box.width - 5, box.height - 5], [5, box.height - 5], [5, 8]];
  for (const [x, y] of steps) await page.mouse.move(box.x + x, box.y + y, { steps: 12 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.getByTestId('lasso-actions').waitFor({ timeout: 10_000 });
  assert.match(await page.getByTestId('lasso-actions').innerText(), new RegExp(`${PER_KIND * 4} selected`));
  await page.getByTestId('lasso-group-name').fill('Whole pack');
  await page.getByTestId('lasso-make-group').click();
  await page.getByTestId('group-item').filter({ hasText: 'Whole pack' }).waitFor();
  // Clusters found in the sound: the four planted families give several clusters, each can become a group.
  await page.getByTestId('map-colour').selectOption('cluster');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="map-legend"] > div').length >= 3);
  await page.screenshot({ path: join(ARTIFACTS, 'map-clusters.png') });
  await page.getByTestId('map-legend').locator('button').first().click();
  await page.getByTestId('group-item').filter({ hasText: 'Cluster 1' }).waitFor();
  assert.match(await page.getByTestId('group-item').filter({ hasText: 'Whole pack' }).innerText(), new RegExp(`${PER_KIND * 4}`));
});

test('the report draws a confusion matrix of the labelled sounds; duplicates view renders', async () => {
  const byFolder: Array<[string, string]> = [['Kicks', 'kick'], ['Snares', 'snare'], ['Hats', 'hihat_closed'], ['Pads', 'pad']];
  for (const [folder, category] of byFolder) {
    const { ids } = await server.api.call('samples.ids', { query: { text: folder } });
    assert.equal(ids.length, PER_KIND);
    await server.api.call('labels.set', { ids, category });
  }
  await page.getByTestId('tab-report').click();
  await page.getByTestId('confusion').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('report').innerText(), new RegExp(`over ${PER_KIND * 4} labelled sounds`));
  await page.screenshot({ path: join(ARTIFACTS, 'report.png') });
  await page.getByTestId('tab-duplicates').click();
  await page.locator('.pane h2').waitFor();
  await page.getByTestId('tab-library').click();
});
