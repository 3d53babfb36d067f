/**
 * A `.pmt` read chunk by chunk in a real browser (the built app served by serveViewer,
 * headless Chromium): it shows what the whole-trace path shows, and the page's heap
 * stays far below the events' columns on a large recording.
 *
 *   small (200,000 events): ?chunks=never and ?chunks=always side by side — the same
 *     event lines, model statistics, fragmentation, heap-map pixels and timeline
 *     samples at each position, seeking forwards and back;
 *   large (5,000,000 events, writeSyntheticPmt): ?chunks=always — seeks land on the
 *     states a streamed replay in Node reaches, and the page's memory after a GC (JS
 *     heap plus typed arrays' backing stores), once every checkpoint is laid, is within
 *     the checkpoint budget plus the chunk cache plus 24 MiB — a bound that does not
 *     grow with the events (with PYMEM_CHUNKS=never the whole-trace path exceeds it:
 *     about 285 MiB here).
 */
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Replayer, synthesizeTrace, writeSyntheticPmt } from '@pymem/runtime';
import { encodePmtBytes } from '@pymem/tracing';
import { openStreamedPmt } from '@pymem/tracing/node';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_CACHE_BYTES } from './model/chunk-bytes.ts';
import { CHECKPOINT_BUDGET } from './model/session.ts';
import { serveViewer, type ViewerServer } from './server/serve-viewer.ts';
import {
  CHROMIUM_PATH,
  hasChromium,
  type LaunchedChromium,
  launchChromium,
} from './testing/chromium.ts';

const HERE = import.meta.dirname;
const APP = join(HERE, '..', 'dist', 'app');
const LARGE_EVENTS = 5_000_000;
/** Bytes an event takes in a whole trace's columns (op, domain: 1; a, b, c: 8; site, line: 4). */
const COLUMN_BYTES = 34;

const available = hasChromium();
if (!available) {
  process.stderr.write(`\n*** BROWSER TESTS SKIPPED: no ${CHROMIUM_PATH} ***\n\n`);
}

/** Opens `url` in a new page and waits for its first heap-map paint. */
async function openPage(browser: LaunchedChromium, url: string, errors: string[]): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.waitForFunction(() => window.__pymemViewer?.timings.firstPaint != null, null, {
    timeout: 120_000,
  });
  return page;
}

/** True when the page's recording is read chunk by chunk. */
const isChunked = (page: Page) => page.evaluate(() => window.__pymemViewer!.chunked);

/** What the page shows at `at`, after seeking there. */
async function shownAt(page: Page, at: number): Promise<Record<string, string | null>> {
  await page.evaluate((target) => window.__pymemViewer!.seek(target), at);
  await page.waitForFunction((target) => window.__pymemViewer!.position === target, at);
  return page.evaluate(() => {
    const text = (selector: string) => document.querySelector(selector)?.textContent ?? null;
    const pixels = (selector: string) =>
      [...document.querySelectorAll<HTMLCanvasElement>(selector)].map((c) => c.toDataURL()).join();
    return {
      position: text('[data-testid=position]'),
      events: text('.timebar .events'),
      stats: text('[data-testid=stats-model]'),
      fragmentation: text('[data-testid=fragmentation]'),
      heapMap: pixels('[data-testid=heapmap]'),
      timeline: JSON.stringify(
        Object.values(window.__pymemViewer!.timeline ?? {}).map((column) =>
          typeof column === 'number' ? column : Array.from(column),
        ),
      ),
    };
  });
}

describe.skipIf(!available)('a .pmt read chunk by chunk in Chromium', () => {
  let scratch: string;
  let browser: LaunchedChromium;
  const servers: ViewerServer[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(APP, 'index.html'))) {
      throw new Error(`${APP}/index.html is missing: build the viewer first (pnpm build)`);
    }
    scratch = mkdtempSync(join(tmpdir(), 'pymem-chunked-test-'));
    browser = await launchChromium({ width: 1400, height: 1000 });
  });

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the same views as the whole-trace path, seeking forwards and back', async () => {
    const trace = synthesizeTrace({ events: 200_000, seed: 7, sites: 0 });
    const file = join(scratch, 'small.pmt');
    writeFileSync(file, encodePmtBytes(trace, { eventsPerChunk: 4_096 }));
    const server = await serveViewer({ file, appDir: APP });
    servers.push(server);
    const whole = await openPage(browser, `${server.url}&chunks=never`, pageErrors);
    const chunked = await openPage(browser, `${server.url}&chunks=always`, pageErrors);
    try {
      expect(await isChunked(whole)).toBe(false);
      expect(await isChunked(chunked)).toBe(true);
      for (const at of [trace.length, 123_457, 4_096, 0, 199_999, 61_000, 61_001]) {
        const expected = await shownAt(whole, at);
        const shown = await shownAt(chunked, at);
        expect(shown.stats).not.toBe('');
        expect(shown).toEqual(expected);
      }
      // Playback moves chunk by chunk too (each frame's position waits for its chunks).
      await shownAt(chunked, 1_000);
      await chunked.click('[data-testid=play]');
      await chunked.waitForFunction(() => window.__pymemViewer!.position > 20_000, null, {
        timeout: 60_000,
      });
      await chunked.click('[data-testid=play]');
      const paused = await chunked.evaluate(() => window.__pymemViewer!.position);
      // A frame still reading its chunks when playback paused does not land after it.
      await chunked.waitForTimeout(500);
      expect(await chunked.evaluate(() => window.__pymemViewer!.position)).toBe(paused);
      expect((await shownAt(chunked, paused)).stats).toBe((await shownAt(whole, paused)).stats);
      expect(pageErrors).toEqual([]);
    } finally {
      await whole.close();
      await chunked.close();
    }
  }, 180_000);

  it('opens a 5,000,000-event recording in memory bounded by checkpoints and chunk cache', async () => {
    const file = join(scratch, 'large.pmt');
    const fd = openSync(file, 'w');
    const events = writeSyntheticPmt(
      { events: LARGE_EVENTS, seed: 3, sites: 0, maxLive: 50_000 },
      (bytes) => writeSync(fd, bytes),
    );
    closeSync(fd);
    const server = await serveViewer({ file, appDir: APP });
    servers.push(server);
    const mode = process.env.PYMEM_CHUNKS ?? 'always';
    const page = await openPage(browser, `${server.url}&chunks=${mode}`, pageErrors);
    try {
      expect(await page.evaluate(() => window.__pymemViewer!.length)).toBe(events);
      expect(await isChunked(page)).toBe(mode === 'always');
      // The states a streamed replay in Node reaches (one pass, forwards).
      const targets = [1_000_001, 2_500_000, events];
      const scan = openStreamedPmt(file)!;
      const replayer = new Replayer(scan.trace);
      const expected: string[] = [];
      for (const at of targets) {
        replayer.runTo(at);
        expected.push(replayer.statsText());
      }
      for (const [k, at] of [...targets.entries()].reverse()) {
        const shown = await shownAt(page, at);
        expect(shown.stats).toBe(expected[k]);
      }
      await page.waitForFunction(() => window.__pymemViewer!.timings.warmed != null, null, {
        timeout: 120_000,
      });
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = (await cdp.send('Runtime.getHeapUsage')) as {
        usedSize: number;
        backingStorageSize?: number;
      };
      // Typed arrays' contents live outside the JS heap: count their backing stores too.
      const used = usage.usedSize + (usage.backingStorageSize ?? 0);
      process.stderr.write(
        `chunked ${events.toLocaleString('en-US')} events (${process.env.PYMEM_CHUNKS ?? 'always'}): page heap ${JSON.stringify(usage)}\n`,
      );
      expect(usage.backingStorageSize).toBeDefined();
      // Bounded by constants, not by the events: checkpoints, cached chunks, the rest.
      expect(used).toBeLessThan(CHECKPOINT_BUDGET + CHUNK_CACHE_BYTES + 24 * 2 ** 20);
      expect(used).toBeLessThan(events * COLUMN_BYTES);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);
});
