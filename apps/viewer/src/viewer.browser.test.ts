/**
 * The viewer in a real browser: the built app (dist/app, made by `pnpm build`, which
 * the root `pnpm test` runs first) served by serveViewer with the bundled example
 * recording, driven in headless Chromium (/usr/bin/chromium, via playwright-core).
 * Screenshots go to test-results/viewer/.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gzipSync } from 'node:zlib';
import { liveStacks } from '@pymem/analysis';
import {
  arenaInfo,
  arenaObjectCount,
  BlockState,
  blockSize,
  blocksPerPool,
  poolBlockStates,
  poolFreeList,
  poolInfo,
} from '@pymem/obmalloc';
import { Replayer, synthesizeTrace } from '@pymem/runtime';
import { formatTextTrace, type Mark, parseTextTrace, type Trace } from '@pymem/tracing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveViewer, type ViewerServer } from './server/serve-viewer.ts';
import {
  CHROMIUM_PATH,
  hasChromium,
  type LaunchedChromium,
  launchChromium,
} from './testing/chromium.ts';

const HERE = import.meta.dirname;
const APP = join(HERE, '..', 'dist', 'app');
const EXAMPLE = join(HERE, '..', '..', 'cli', 'examples', 'requests.pymem.txt.br');
const SHOTS = join(HERE, '..', '..', '..', 'test-results', 'viewer');

const available = hasChromium();
if (!available) {
  process.stderr.write(`\n*** BROWSER TESTS SKIPPED: no ${CHROMIUM_PATH} ***\n\n`);
}

describe.skipIf(!available)('the viewer in Chromium', () => {
  let scratch: string;
  let trace: Trace;
  let server: ViewerServer;
  let browser: LaunchedChromium;
  let page: Page;
  let origin: string;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];

  const position = () => page.evaluate(() => window.__pymemViewer!.position);
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
  const markNamed = (label: string): Mark => trace.marks.find((mark) => mark.label === label)!;

  beforeAll(async () => {
    if (!existsSync(join(APP, 'index.html'))) {
      throw new Error(
        `${APP}/index.html is missing: build the viewer first (pnpm build; the root pnpm test does)`,
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    scratch = mkdtempSync(join(tmpdir(), 'pymem-viewer-test-'));
    const text = brotliDecompressSync(readFileSync(EXAMPLE));
    writeFileSync(join(scratch, 'requests.pymem.txt'), text);
    trace = parseTextTrace(text.toString('utf8'));
    server = await serveViewer({ file: join(scratch, 'requests.pymem.txt'), appDir: APP });
    origin = new URL(server.url).origin;
    browser = await launchChromium({ width: 1500, height: 1000 });
    page = await browser.context.newPage();
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
        foreignRequests.push(url);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction(() => window.__pymemViewer?.timings.firstPaint != null, null, {
      timeout: 60_000,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('opens the ?trace= recording and shows its last event', async () => {
    expect(await page.textContent('[data-testid=file-name]')).toBe('requests.pymem.txt');
    expect(await position()).toBe(trace.length);
    expect(await page.textContent('[data-testid=position]')).toBe(
      `event ${trace.length.toLocaleString('en-US')} of ${trace.length.toLocaleString('en-US')}`,
    );
    expect(await page.locator('[data-testid=heapmap]').isVisible()).toBe(true);
    expect(await page.evaluate(() => window.__pymemViewer!.status)).toBe('ready');
    await shot('overview.png');
  });

  it('opens the recording at the root URL as well, without ?trace=', async () => {
    const rootPage = await browser.context.newPage();
    try {
      rootPage.on('pageerror', (error) => pageErrors.push(error.message));
      await rootPage.goto(`${origin}/`);
      await rootPage.waitForFunction(() => window.__pymemViewer?.timings.firstPaint != null, null, {
        timeout: 60_000,
      });
      expect(rootPage.url()).toBe(`${origin}/`);
      expect(await rootPage.textContent('[data-testid=file-name]')).toBe('requests.pymem.txt');
      expect(await rootPage.evaluate(() => window.__pymemViewer!.position)).toBe(trace.length);
      expect(await rootPage.evaluate(() => window.__pymemViewer!.status)).toBe('ready');
    } finally {
      await rootPage.close();
    }
  });

  it('jumps to the mark "peak" and shows exactly the statistics CPython printed there', async () => {
    const peak = markNamed('peak');
    expect(peak.stats).not.toBe('');
    await page.click('button[data-mark="peak"]');
    await page.waitForFunction((at) => window.__pymemViewer!.position === at, peak.eventIndex);
    const model = await page.textContent('[data-testid=stats-model]');
    expect(model).toBe(peak.stats);
    expect(await page.textContent('[data-testid=stats-cpython]')).toBe(peak.stats);
    expect(await page.textContent('[data-testid=stats-match]')).toContain(
      '✓ matches CPython at mark "peak"',
    );
    await shot('peak.png');
  });

  it('draws the flame graph of the live blocks at the mark "peak"', async () => {
    const peak = markNamed('peak');
    await page.click('button[data-mark="peak"]');
    await page.waitForFunction((at) => window.__pymemViewer!.position === at, peak.eventIndex);
    const panel = page.locator('[data-testid=flamegraph-panel]');
    await panel.scrollIntoViewIfNeeded();
    const frames = page.locator('[data-testid=flamegraph] svg g');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=flamegraph] svg g').length > 10,
      null,
      { timeout: 30_000 },
    );
    expect(await frames.count()).toBeGreaterThan(10);
    const root = liveStacks(trace, peak.eventIndex);
    const summary = (await panel.locator('p').first().textContent()) ?? '';
    expect(summary).toContain(`${root.blocks.toLocaleString('en-US')} live blocks`);
    expect(summary).toContain(`after ${peak.eventIndex.toLocaleString('en-US')} events`);
    // The widest frame under the root is drawn with its name.
    const top = root.children[0]!;
    await page.waitForTimeout(400); // the frames' entry transition
    expect(await page.locator('[data-testid=flamegraph] svg').textContent()).toContain(
      top.frame.split('/').at(-1)!,
    );
    await panel.screenshot({ path: join(SHOTS, 'flamegraph-panel.png') });
  });

  it('steps with the arrow keys and jumps between marks with shift+arrows', async () => {
    const peak = markNamed('peak');
    const after = markNamed('after-cleanup');
    await page.click('button[data-mark="peak"]');
    await page.waitForFunction((at) => window.__pymemViewer!.position === at, peak.eventIndex);
    await page.keyboard.press('ArrowRight');
    expect(await position()).toBe(peak.eventIndex + 1);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await position()).toBe(peak.eventIndex - 1);
    await page.keyboard.press('Shift+ArrowRight');
    expect(await position()).toBe(peak.eventIndex);
    await page.keyboard.press('Shift+ArrowRight');
    expect(await position()).toBe(after.eventIndex);
    expect(await page.textContent('[data-testid=stats-model]')).toBe(after.stats);
    await page.keyboard.press('Shift+ArrowLeft');
    expect(await position()).toBe(peak.eventIndex);
  });

  it('shows a block’s address, place and size class on hover, as the model has it', async () => {
    const peak = markNamed('peak');
    await page.click('button[data-mark="peak"]');
    await page.waitForFunction((at) => window.__pymemViewer!.position === at, peak.eventIndex);
    // The model at the peak, in Node: the first allocated block of at least 256 bytes
    // (wider than a heap-map pixel, so the pixel at its centre shows it).
    const replayer = new Replayer(trace);
    replayer.runTo(peak.eventIndex);
    const model = replayer.model;
    const c = model.constants;
    const states = new Uint8Array(blocksPerPool(c, 0));
    let found: { arena: number; pool: number; block: number; sizeClass: number } | null = null;
    for (let arena = 0; arena < arenaObjectCount(model) && !found; arena++) {
      const carved = arenaInfo(model, arena)?.poolsCarved ?? 0;
      for (let pool = 0; pool < carved && !found; pool++) {
        const { ref, sizeClass, blockSize: size } = poolInfo(model, arena, pool)!;
        if (ref === 0 || size < 256) continue;
        const n = poolBlockStates(model, arena, pool, states);
        const block = states.subarray(0, n).indexOf(BlockState.allocated);
        if (block >= 0) found = { arena, pool, block, sizeClass };
      }
    }
    expect(found).not.toBeNull();
    const { arena, pool, block, sizeClass } = found!;
    const size = blockSize(c, sizeClass);
    const poolAddress = poolInfo(model, arena, pool)!.address;
    const address = poolAddress + c.poolOverhead + block * size;
    // The event that allocated it, by a plain scan of the recording.
    let allocatedBy = -1;
    for (let i = 0; i < peak.eventIndex; i++) {
      if ((trace.op[i] === 2 || trace.op[i] === 3) && trace.b[i] === address) allocatedBy = i;
      if (trace.op[i] === 4 && trace.c[i] === address) allocatedBy = i;
    }
    await page.locator('[data-testid=heapmap]').scrollIntoViewIfNeeded();
    const point = await page.evaluate(
      ([a, p, o]) => window.__pymemViewer!.pointOf(a!, p!, o!),
      [arena, pool, c.poolOverhead + block * size + size / 2],
    );
    expect(point).not.toBeNull();
    await page.mouse.move(point!.x, point!.y);
    const tooltip = page.locator('[data-testid=heapmap-tooltip]');
    await tooltip.waitFor();
    const lines = await tooltip.locator('div').allTextContents();
    expect(lines[0]).toBe(`0x${address.toString(16)}`);
    expect(lines).toContain(`arena #${arena} · pool ${pool} · block ${block}`);
    expect(lines).toContain(`size class ${sizeClass} · ${size}-byte blocks`);
    expect(lines).toContain('allocated');
    expect(lines).toContain(`allocated by event ${allocatedBy.toLocaleString('en-US')}`);
    await shot('tooltip.png');

    // Clicking the pool opens its zoom panel with the free list in pymalloc's order.
    await page.mouse.click(point!.x, point!.y);
    const zoom = page.locator('[data-testid=pool-zoom]');
    await zoom.waitFor();
    const freeList = poolFreeList(model, arena, pool)!.blocks;
    const listed = (await page.textContent('[data-testid=free-list]')) ?? '';
    expect(listed).toContain(`free list (head first, ${freeList.length} blocks)`);
    if (freeList.length > 0) expect(listed).toContain(freeList.slice(0, 10).join(' → '));
    await zoom.scrollIntoViewIfNeeded();
    await shot('pool-zoom.png');
  });

  it('shows one clear line for a malformed file and stays usable', async () => {
    const broken = 'pymem-trace 1\npython 3.12.1\nm obj 16 7f0000001030\nbogus line\n';
    await page.setInputFiles('[data-testid=file-input]', {
      name: 'broken.pymem.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(broken),
    });
    const error = page.locator('[data-testid=error]');
    await error.waitFor();
    const message = (await error.locator('.message').textContent()) ?? '';
    expect(message).toMatch(/^broken\.pymem\.txt: line 4: unknown record "bogus line"/);
    expect(message).not.toContain('\n');
    expect(await page.locator('[role=alert]').count()).toBe(1);
    // The open recording is still there and still answers the keys.
    expect(await page.textContent('[data-testid=file-name]')).toBe('requests.pymem.txt');
    const before = await position();
    await page.keyboard.press('ArrowLeft');
    expect(await position()).toBe(before - 1);
    await shot('error.png');

    // A dropped binary file with a bad header: the .pmt reader names the byte.
    await page.evaluate(() => {
      const bytes = Uint8Array.of(
        0x89,
        0x50,
        0x4d,
        0x54,
        0x0d,
        0x0a,
        0x1a,
        0x0a,
        9,
        0,
        8,
        0,
        0,
        0,
        0,
        0,
      );
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'broken.pmt'));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
    });
    await page.waitForFunction(() => window.__pymemViewer!.error?.startsWith('broken.pmt:'));
    expect(await error.locator('.message').textContent()).toBe(
      'broken.pmt: byte 8: unsupported .pmt format version 9 (this reader knows 1 and 2)',
    );
    expect(await page.locator('[role=alert]').count()).toBe(1);
    expect(await page.textContent('[data-testid=file-name]')).toBe('requests.pymem.txt');
  });

  it('opens a gzip-compressed recording from the file picker', async () => {
    const small = synthesizeTrace({ events: 4000, seed: 11, sites: 6 });
    const gz = gzipSync([...formatTextTrace(small)].join(''));
    await page.setInputFiles('[data-testid=file-input]', {
      name: 'small.pymem.txt.gz',
      mimeType: 'application/gzip',
      buffer: gz,
    });
    await page.waitForFunction(() => window.__pymemViewer!.name === 'small.pymem.txt.gz');
    await page.waitForFunction(() => window.__pymemViewer!.timings.firstPaint != null);
    expect(await page.locator('[role=alert]').count()).toBe(0);
    expect(await position()).toBe(small.length);
    const end = small.marks.at(-1)!;
    expect(end.eventIndex).toBe(small.length);
    expect(await page.textContent('[data-testid=stats-model]')).toBe(end.stats);
    // This recording names allocation sites: the top-sites panel groups them.
    await page.waitForSelector('[data-testid=sites] td.site');
    expect(await page.locator('[data-testid=sites] td.site').first().textContent()).toMatch(
      /^app\/module_\d\.py:\d+$/,
    );
    await shot('gzip-with-sites.png');
  });

  it('made no request outside its own origin and raised no page error', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
