// Launches Debian's Chromium (never a downloaded browser) through playwright-core for the end-to-end tests.
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { startServer, type RunningServer, type ServerOptions } from '../../src/main/serve/start-server.js';
import { buildUi } from '../../scripts/build-ui.mjs';

export const CHROMIUM = process.env.SONOTECA_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set SONOTECA_CHROMIUM)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // GPU flags stay default so WebGL2 runs on SwiftShader; autoplay is allowed so audition can be asserted.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required', '--enable-unsafe-swiftshader'],
  });
}

export interface UiSession {
  server: RunningServer;
  browser: Browser;
  page: Page;
  /** Closes the browser, then the server (the library stays open: its owner closes it). */
  close(): Promise<void>;
}

/** The real UI over a library: the renderer built into `uiDir`, served in browser mode and opened in Chromium. */
export async function openUi(library: ServerOptions['library'], uiDir: string, opts: { viewport?: { width: number; height: number }; autoAnalyse?: boolean } = {}): Promise<UiSession> {
  await buildUi({ outdir: uiDir, minify: false });
  const server = await startServer({ library, staticDir: uiDir, ...(opts.autoAnalyse === undefined ? {} : { autoAnalyse: opts.autoAnalyse }) });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return {
    server,
    browser,
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits until the inspector shows `category` as the selected sound's label. */
export async function waitForInspectorLabel(page: Page, category: string): Promise<void> {
  await page.waitForFunction((want) => document.querySelector('[data-testid="label"] [data-category]')?.getAttribute('data-category') === want, category);
}

/** Selects the list row showing `name` and waits until the inspector shows its label as `category`. */
export async function inspectRow(page: Page, name: string, category: string): Promise<void> {
  await page.locator('[role="row"]', { hasText: name }).click();
  await waitForInspectorLabel(page, category);
}
