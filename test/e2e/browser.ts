// Launches Debian's Chromium (never a downloaded browser) through playwright-core for the end-to-end tests.
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.SONOTECA_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set SONOTECA_CHROMIUM)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // GPU flags stay default so WebGL2 runs on SwiftShader; autoplay is allowed so audition can be asserted.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required', '--enable-unsafe-swiftshader'],
  });
}
