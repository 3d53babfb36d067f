/**
 * The heap-snapshot views in a real browser: the built app (dist/app, made by
 * `pnpm build`) served by serveViewer with the heap snapshot recorded from CPython
 * 3.12.1 (tests/fixtures/snapshots/3.12.1, tests/programs/heap_snapshot.py), driven in
 * headless Chromium. What the page shows is compared with what the built `pymem`
 * prints for the same file (`objects --json`, `why --json`, `gc --json`).
 * Screenshots go to test-results/viewer/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { blockHolding } from '@pymem/analysis';
import { arenaContaining, arenaInfo, BlockState, poolBlockStates, poolInfo } from '@pymem/obmalloc';
import { Replayer } from '@pymem/runtime';
import { COLLECTOR_PHASES, decodePmt, type HeapSnapshot, type Trace } from '@pymem/tracing';
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
const ROOT = join(HERE, '..', '..', '..');
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'snapshots', '3.12.1', 'heap_snapshot.pmt.br');
const PYMEM = join(ROOT, 'apps', 'cli', 'bin', 'pymem.js');
const SHOTS = join(ROOT, 'test-results', 'viewer');

const available = hasChromium();
if (!available) {
  process.stderr.write(`\n*** BROWSER TESTS SKIPPED: no ${CHROMIUM_PATH} ***\n\n`);
}

/** `pymem ARGS --json` on the built CLI, parsed. */
function pymemJson(...args: string[]): Record<string, unknown> {
  return JSON.parse(
    execFileSync(process.execPath, [PYMEM, ...args, '--json'], { encoding: 'utf8' }),
  );
}

describe.skipIf(!available)('the heap-snapshot views in Chromium', () => {
  let scratch: string;
  let file: string;
  let trace: Trace;
  let snapshot: HeapSnapshot;
  let server: ViewerServer;
  let browser: LaunchedChromium;
  let page: Page;
  const pageErrors: string[] = [];

  const hex = (address: number) => `0x${address.toString(16)}`;
  const indexOf = (address: string) =>
    snapshot.address.indexOf(Number.parseInt(address.slice(2), 16));
  const typeOf = (i: number) => {
    const type = snapshot.types[snapshot.type[i]!]!;
    return type.module === 'builtins' ? type.qualname : `${type.module}.${type.qualname}`;
  };
  const detailAddress = () => page.textContent('[data-testid=object-address]');

  beforeAll(async () => {
    if (!existsSync(join(APP, 'index.html')) || !existsSync(join(ROOT, 'apps', 'cli', 'dist')))
      throw new Error(
        'the viewer or the CLI is not built: run pnpm build first (the root pnpm test does)',
      );
    mkdirSync(SHOTS, { recursive: true });
    scratch = mkdtempSync(join(tmpdir(), 'pymem-viewer-snapshot-'));
    const bytes = brotliDecompressSync(readFileSync(FIXTURE));
    file = join(scratch, 'heap_snapshot.pmt');
    writeFileSync(file, bytes);
    trace = decodePmt(bytes).trace;
    snapshot = trace.heapSnapshots![0]!;
    server = await serveViewer({ file, appDir: APP });
    browser = await launchChromium({ width: 1500, height: 1100 });
    page = await browser.context.newPage();
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

  it('shows the Objects panel only at the snapshot’s mark', async () => {
    expect(await page.evaluate(() => window.__pymemViewer!.position)).toBe(trace.length);
    expect(await page.locator('[data-testid=objects-panel]').count()).toBe(0);
    await page.click('button[data-mark="s"]');
    await page.waitForFunction((at) => window.__pymemViewer!.position === at, snapshot.eventIndex);
    await page.waitForSelector('[data-testid=objects-panel]');
  });

  it('lists the objects by type exactly as `pymem objects --json` does', async () => {
    const cli = pymemJson('objects', file, '--mark', 's') as {
      objects: number;
      bytes: number;
      linked: number;
      blocks: number;
      outside: number;
      unlinked: number;
      types: { type: string; objects: number; bytes: number; linked: number }[];
    };
    const rows = await page.$$eval('[data-testid=objects-types] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    const number = (text: string) => Number(text.replaceAll(',', ''));
    expect(
      rows.map(([objects, bytes, linked, type]) => ({
        type,
        objects: number(objects!),
        bytes: number(bytes!),
        linked: number(linked!),
      })),
    ).toEqual(cli.types);
    const g = (value: number) => value.toLocaleString('en-US');
    expect(await page.textContent('[data-testid=objects-summary]')).toBe(
      `${g(cli.objects)} objects, ${g(cli.bytes)} bytes: ${g(cli.linked)} in ${g(cli.blocks)} pymalloc blocks, ${g(cli.outside)} outside pymalloc, ${g(cli.unlinked)} unlinked`,
    );
    // Every object inside pymalloc's arenas is in one arena row.
    const inArenas = await page.$$eval('[data-testid=objects-arenas] tbody tr', (trs) =>
      trs.map((tr) => Number(tr.querySelectorAll('td')[1]!.textContent!.replaceAll(',', ''))),
    );
    expect(inArenas.reduce((sum, n) => sum + n, 0)).toBe(cli.objects - cli.outside);
    await page
      .locator('[data-testid=objects-panel]')
      .screenshot({ path: join(SHOTS, 'objects-panel.png') });
  });

  it('finds the leak by type, shows what CPython recorded for it and marks its block', async () => {
    await page.fill('[data-testid=objects-search]', '__main__.Leak');
    const results = page.locator('[data-testid=objects-results] button');
    expect(await results.count()).toBe(1);
    const address = (await results.first().getAttribute('data-address'))!;
    await results.first().click();
    const leak = indexOf(address);
    expect(leak).toBeGreaterThanOrEqual(0);
    expect(await detailAddress()).toBe(address);
    expect(await page.textContent('[data-testid=object-type]')).toBe('__main__.Leak');
    expect(await page.textContent('[data-testid=object-size]')).toBe(
      `${snapshot.size[leak]!.toLocaleString('en-US')} bytes`,
    );
    expect(await page.textContent('[data-testid=object-refcount]')).toBe(
      String(snapshot.refcount[leak]),
    );
    // The marked block, checked against the model replayed here to the snapshot: an
    // allocated block of the pool holding the object, with the object inside it.
    const marked = page.locator('[data-testid=heapmap-block]');
    await marked.waitFor();
    const block = Number.parseInt((await marked.getAttribute('data-address'))!.slice(2), 16);
    const replayer = new Replayer(trace);
    replayer.runTo(snapshot.eventIndex);
    const model = replayer.model;
    const arena = arenaContaining(model, block);
    const pool = Math.floor(
      (block - arenaInfo(model, arena)!.firstPool) / model.constants.poolSize,
    );
    const header = poolInfo(model, arena, pool)!;
    const index = (block - header.address - model.constants.poolOverhead) / header.blockSize;
    expect(Number.isInteger(index)).toBe(true);
    const states = new Uint8Array(header.capacity);
    poolBlockStates(model, arena, pool, states);
    expect(states[index]).toBe(BlockState.allocated);
    const leakAddress = snapshot.address[leak]!;
    expect(leakAddress).toBeGreaterThanOrEqual(block);
    expect(leakAddress).toBeLessThan(block + header.blockSize);
    // … drawn where the heap map draws that block, with its pool selected for the zoom.
    const point = await page.evaluate(
      ([a, p, o]) => window.__pymemViewer!.pointOf(a!, p!, o!),
      [arena, pool, block - header.address],
    );
    const box = (await marked.boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - point!.x)).toBeLessThanOrEqual(2);
    expect(Math.abs(box.y + box.height / 2 - point!.y)).toBeLessThanOrEqual(2);
    expect(await page.locator('[data-testid=pool-zoom]').isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'object-selected.png'), fullPage: true });
  });

  it('follows the leak’s chain to its module exactly as `pymem why --json` does', async () => {
    const address = (await detailAddress())!;
    const cli = pymemJson('why', file, address, '--mark', 's') as {
      chains: {
        root: string;
        text: string;
        path: { address: string; type: string; edge: string }[];
      }[];
    };
    const chain = cli.chains[0]!;
    expect(chain.root).toBe('module');
    expect(await page.textContent('[data-testid=why-text]')).toBe(chain.text);
    const steps = page.locator('[data-testid=why-chain] > li');
    expect(await steps.count()).toBe(chain.path.length);
    for (let k = 0; k < chain.path.length; k++) {
      const step = steps.nth(k);
      expect(await step.locator('button').getAttribute('data-address')).toBe(
        chain.path[k]!.address,
      );
      if (chain.path[k]!.edge !== '')
        expect(await step.locator(':scope > .edge').textContent()).toBe(chain.path[k]!.edge);
    }
    // Follow it: the list one step before the leak holds it at the edge named.
    const list = chain.path.at(-2)!;
    await steps
      .nth(chain.path.length - 2)
      .locator('button')
      .click();
    expect(await detailAddress()).toBe(list.address);
    const referent = page.locator(
      `[data-testid=object-referents] button[data-address="${address}"]`,
    );
    expect(await referent.locator('.edge').textContent()).toBe(list.edge);
    // … and the module at the root is its own chain.
    await page.locator('[data-testid=why-chain] > li').first().locator('button').click();
    expect(await detailAddress()).toBe(chain.path[0]!.address);
    expect(await page.locator('[data-testid=why-chain] > li').count()).toBe(1);
    await page
      .locator('[data-testid=objects-panel]')
      .screenshot({ path: join(SHOTS, 'why-chain.png') });
  });

  it('selects the object living in a block clicked on the heap map', async () => {
    // The first object alone in a block wide enough to own the pixel at its centre.
    const replayer = new Replayer(trace);
    replayer.runTo(snapshot.eventIndex);
    let target = -1;
    let held = null;
    for (let i = 0; i < snapshot.length && target < 0; i++) {
      const block = blockHolding(replayer.model, snapshot.address[i]!);
      if (block && block.size >= 256) {
        target = i;
        held = block;
      }
    }
    expect(held).not.toBeNull();
    const point = await page.evaluate(
      ([a, p, o]) => window.__pymemViewer!.pointOf(a!, p!, o!),
      [held!.arena, held!.pool, held!.address - held!.poolAddress + held!.size / 2],
    );
    await page.mouse.move(point!.x, point!.y);
    expect(await page.textContent('[data-testid=heapmap-tooltip]')).toContain(
      `holds ${typeOf(target)} at ${hex(snapshot.address[target]!)}`,
    );
    await page.mouse.click(point!.x, point!.y);
    expect(await detailAddress()).toBe(hex(snapshot.address[target]!));
    expect(await page.locator('[data-testid=heapmap-block]').getAttribute('data-address')).toBe(
      hex(held!.address),
    );
  });

  it('shows what `pymem gc --json` finds at the snapshot', async () => {
    const cli = pymemJson('gc', file, '--mark', 's') as {
      unreachable: number;
      collected: number;
      uncollectable: number;
      bytes: number;
      groups: { composition: string; cycles: number; objects: number; bytes: number }[];
    };
    const g = (value: number) => value.toLocaleString('en-US');
    expect(await page.textContent('[data-testid=collector-summary]')).toBe(
      `gc.collect(2) would return ${g(cli.unreachable)}: ${g(cli.collected)} collected, ${g(cli.uncollectable)} uncollectable, ${g(cli.bytes)} bytes given back`,
    );
    const rows = await page.$$eval('[data-testid=collector-groups] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(rows.map((row) => [Number(row[0]), Number(row[1]), row[3]!.split(' (')[0]])).toEqual(
      cli.groups.map((group) => [group.cycles, group.objects, group.composition]),
    );
    // The phases, in CPython's order, with the objects each touched: the young list is
    // every object the process had in generations 0-2, the garbage is what is freed.
    const phases = await page.$$eval('[data-testid=collector-phases] > li', (items) =>
      items.map((li) => ({
        phase: li.getAttribute('data-phase') ?? '',
        objects: Number((li.textContent ?? '').split(' ')[1]!.replaceAll(',', '')),
      })),
    );
    // CPython's order of the phases, as the trace formats number them.
    const ranks = phases.map((step) => COLLECTOR_PHASES.indexOf(step.phase));
    expect(ranks.length).toBeGreaterThan(3);
    expect(ranks.every((rank) => rank >= 0)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const count = (phase: string) => phases.find((step) => step.phase === phase)?.objects;
    let young = 0;
    for (let i = 0; i < snapshot.length; i++) if (((snapshot.flags[i]! >> 6) & 7) <= 2) young++;
    expect(count('update-refs')).toBe(young);
    expect(count('move-unreachable')).toBeGreaterThanOrEqual(cli.unreachable);
    expect(count('delete-garbage')).toBe(cli.collected);
    await page
      .locator('[data-testid=collector]')
      .screenshot({ path: join(SHOTS, 'collector.png') });
    expect(pageErrors).toEqual([]);
  });

  it('shows the same views in the static build opened from file://', async () => {
    const local = await browser.context.newPage();
    try {
      const errors: string[] = [];
      local.on('pageerror', (error) => errors.push(error.message));
      await local.goto(pathToFileURL(join(APP, 'index.html')).href);
      await local.setInputFiles('[data-testid=file-input]', file);
      await local.waitForFunction(() => window.__pymemViewer?.timings.firstPaint != null, null, {
        timeout: 60_000,
      });
      await local.click('button[data-mark="s"]');
      await local.fill('[data-testid=objects-search]', '__main__.Leak');
      await local.locator('[data-testid=objects-results] button').first().click();
      const cli = pymemJson('why', file, '--type', '__main__.Leak', '--mark', 's') as {
        chains: { text: string }[];
      };
      expect(await local.textContent('[data-testid=why-text]')).toBe(cli.chains[0]!.text);
      await local.locator('[data-testid=heapmap-block]').waitFor();
      await local.screenshot({ path: join(SHOTS, 'snapshot-file-url.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await local.close();
    }
  });
});
