/**
 * Headless Chromium for the browser tests and the bench: Debian's /usr/bin/chromium
 * driven by playwright-core (Playwright's own browser download is not used), with a
 * fresh profile directory per launch and every background network feature off.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Where the browser is expected (override with PYMEM_CHROMIUM). */
export const CHROMIUM_PATH: string = process.env.PYMEM_CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser is installed. */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** A launched browser context and how to end it. */
export interface LaunchedChromium {
  readonly context: BrowserContext;
  /** Closes the browser and removes its profile directory. */
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh user-data directory. */
export async function launchChromium(
  viewport = { width: 1500, height: 1000 },
): Promise<LaunchedChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'pymem-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
