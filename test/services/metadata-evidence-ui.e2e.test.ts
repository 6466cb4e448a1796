// In a real browser: a sound labelled by its embedded title shows "by file metadata" and the title itself as the
// reason, not the file-name wording.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Library } from '../../src/main/core/library.js';
import { encodeWav } from '../../src/main/encode/wav-writer.js';
import { classifyLibrary } from '../../src/main/services/classify.js';
import type { RunningServer } from '../../src/main/serve/start-server.js';
import { inspectRow, openUi, type UiSession } from '../e2e/browser.js';
import { SR, kickVar, snareVar } from './fixture-library.js';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
let base: string;
let library: Library;
let server: RunningServer;
let ui: UiSession;
let page: Page;

before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'sonoteca-meta-ui-')));
  const root = join(base, 'Samples');
  await mkdir(join(root, 'Drums'), { recursive: true });
  for (let i = 0; i < 5; i++) {
    await writeFile(join(root, 'Drums', `Kick ${i + 1}.wav`), encodeWav([kickVar(i)], SR, { bitDepth: 16 }));
    await writeFile(join(root, 'Drums', `Snare ${i + 1}.wav`), encodeWav([snareVar(i)], SR, { bitDepth: 16 }));
  }
  await writeFile(join(root, '0x41a.wav'), encodeWav([kickVar(8)], SR, { bitDepth: 16, metadata: { title: 'Kick 03', genre: 'Techno' } }));
  library = Library.open(join(base, 'lib'));
  await library.addRoots([root]);
  await library.analyse({ workers: 1 });
  await classifyLibrary(library.db, { builtin: null, vectors: 'descriptors' });
  ui = await openUi(library, join(base, 'ui'), { autoAnalyse: false, viewport: { width: 1440, height: 860 } });
  ({ server, page } = ui);
});

after(async () => {
  await ui?.close();
  await library?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

test('the inspector explains a metadata label with the embedded title', async () => {
  await page.goto(server.url);
  await inspectRow(page, '0x41a.wav', 'kick');
  assert.match(await page.getByTestId('label').innerText(), /by file metadata/);
  const why = await page.getByTestId('why-tokens').innerText();
  assert.match(why, /^Embedded in the file:\s*title "Kick 03"$/);
  assert.match(await page.getByTestId('why-agrees').innerText(), /sound model agrees/);
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'metadata-evidence.png') });
  // The clean genre is a tag chip from the metadata.
  assert.equal(await page.locator('.chips .chip.src-metadata', { hasText: 'genre:Techno' }).count(), 1, 'genre tag shown in the inspector');
  // A file-name label keeps the file-name wording.
  await inspectRow(page, 'Snare 2.wav', 'snare');
  assert.match(await page.getByTestId('why-tokens').innerText(), /^Name mentions:/);
});
