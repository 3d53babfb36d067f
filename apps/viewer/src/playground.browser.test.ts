/**
 * The snippet page in a real browser, opened from the static build over file://
 * (dist/app, made by `pnpm build`): type a program, run it on the model in the page's
 * worker, step through it, and read what the frames and objects show — checked
 * against what `pymem run` (runPython) prints for the same program, whose output the
 * differential suite checks against real CPython. Screenshots go to
 * test-results/viewer/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CollectionView, runPython, type StepView } from '@pymem/python';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from './playground/samples.ts';
import { serveViewer } from './server/serve-viewer.ts';
import {
  CHROMIUM_PATH,
  hasChromium,
  type LaunchedChromium,
  launchChromium,
} from './testing/chromium.ts';

const HERE = import.meta.dirname;
const APP = join(HERE, '..', 'dist', 'app', 'index.html');
const SHOTS = join(HERE, '..', '..', '..', 'test-results', 'viewer');

const available = hasChromium();
if (!available) process.stderr.write(`\n*** BROWSER TESTS SKIPPED: no ${CHROMIUM_PATH} ***\n\n`);

/** The program the tests type: its last line prints what the page must show for `a`. */
const SNIPPET = [
  'import sys',
  'a = [1, 2, 3]',
  'b = a',
  'c = {"key": a}',
  'a.append(4)',
  'print(sys.getrefcount(a) - 1, sys.getsizeof(a), sys.getsizeof(c))',
].join('\n');

describe.skipIf(!available)('the snippet page in Chromium', () => {
  let browser: LaunchedChromium;
  let page: Page;
  const pageErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
  const hook = () => page.evaluate(() => window.__pymemPlayground!);

  /** Runs the editor's program on `python` and waits for the steps. */
  async function run(python: string): Promise<void> {
    await page.selectOption('[data-testid=python]', python);
    // The run that this click starts, not the one shown before it.
    const before = (await hook()).runs;
    await page.click('[data-testid=run]');
    await page.waitForFunction(
      (runs) =>
        window.__pymemPlayground !== undefined &&
        window.__pymemPlayground.runs > runs &&
        window.__pymemPlayground.status === 'ran',
      before,
      { timeout: 60_000 },
    );
  }

  /** The card of the object the module's `name` points at. */
  async function cardOf(name: string) {
    const address = await page.getAttribute(
      `[data-frame="<module>"] tr[data-name="${name}"] button`,
      'data-address',
    );
    return page.locator(`[data-testid=object-card][data-address="${address}"]`);
  }

  beforeAll(async () => {
    if (!existsSync(APP))
      throw new Error(`${APP} is missing: build the viewer first (pnpm build; pnpm test does)`);
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium({ width: 1500, height: 1000 });
    page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${pathToFileURL(APP).href}?run`);
    await page.waitForSelector('[data-testid=code-pane] .cm-content');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens with the first sample, runs it and prints what pymem run prints', async () => {
    expect(await page.inputValue('[data-testid=sample]')).toBe(SAMPLES[0]!.id);
    await run('3.12');
    await page.evaluate(() => window.__pymemPlayground!.go(1e9));
    const expected = runPython(SAMPLES[0]!.source, { python: '3.12' }).stdout;
    expect(await page.textContent('[data-testid=output]')).toBe(expected);
    expect(await page.textContent('[data-testid=step-label]')).toBe('ended');
    await shot('snippet-sample.png');
  });

  it('runs a typed snippet; at a line, an object shows the refcount and size pymem run prints', async () => {
    await page.click('[data-testid=code-pane] .cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    // CodeMirror indents after a newline by itself; the snippet has no indented lines.
    await page.keyboard.insertText(SNIPPET);
    for (const python of ['3.8', '3.11', '3.13']) {
      await run(python);
      const printed = runPython(SNIPPET, { python }).stdout.trim().split(' ').map(Number);
      const [refcount, listSize, dictSize] = printed as [number, number, number];
      // Step to line 6 (before the print): a has its fourth item, b and c hold it.
      const steps = (await hook()).steps;
      for (let i = 0; i < steps; i++) {
        if ((await hook()).line === 6) break;
        await page.click('[data-testid=step-forward]');
      }
      expect((await hook()).line).toBe(6);
      expect(await page.textContent('[data-testid=step-label]')).toContain('line 6');
      // The editor moves its step line in an effect, after the page's render.
      await page.waitForFunction(
        (text) => document.querySelector('.cm-step-line')?.textContent === text,
        SNIPPET.split('\n')[5],
        { timeout: 5_000 },
      );
      const a = await cardOf('a');
      expect(await a.locator('[data-fact=refcount]').textContent()).toBe(`refcnt ${refcount}`);
      expect(await a.locator('[data-fact=size]').textContent()).toBe(`${listSize} B`);
      expect(await a.locator('[data-fact=gc]').textContent()).toBe('tracked');
      const c = await cardOf('c');
      expect(await c.locator('[data-fact=size]').textContent()).toBe(`${dictSize} B`);
      expect(await c.locator('.edge-label').allTextContents()).toEqual(['key', "['key']"]);
      // Stepping back to line 5 shows a before its append: still held by a, b, c.
      await page.click('[data-testid=step-back]');
      expect((await hook()).line).toBe(5);
      expect(await (await cardOf('a')).locator('.value').textContent()).toBe('[1, 2, 3]');
      if (python === '3.13') await shot('snippet-step.png');
    }
  });

  it('selects the object a reference points at', async () => {
    const c = await cardOf('c');
    await c.locator('.edges button').nth(1).click();
    const selected = page.locator('[data-testid=object-card].selected');
    expect(await selected.locator('.type').textContent()).toBe('list');
    expect(await selected.getAttribute('data-address')).toBe(
      await page.getAttribute('[data-frame="<module>"] tr[data-name="a"] button', 'data-address'),
    );
  });

  it("marks a selected object's block in the heap map, and a click on a block selects its object", async () => {
    await run('3.12');
    for (let i = 0; i < 20 && (await hook()).line !== 6; i++)
      await page.click('[data-testid=step-forward]');
    const views: StepView[] = [];
    runPython(SNIPPET, { python: '3.12', onStep: (capture) => views.push(capture()) });
    const atSix = views.find((v) => v.line === 6)!;
    const named = (name: string) => {
      const address = atSix.frames[0]!.names.find((n) => n.label === name)!.address;
      return atSix.objects.find((o) => o.address === address)!;
    };
    // Selecting c (a dict): its block, the model's, is marked and its pool zoomed.
    await page.click('[data-frame="<module>"] tr[data-name="c"] button');
    const heap = () => page.evaluate(() => window.__pymemPlaygroundHeap!.block);
    const dictBlock = await heap();
    expect(dictBlock?.address).toBe(named('c').block);
    expect(await page.textContent('[data-testid=snippet-heap] h3')).toContain(
      `dict at 0x${named('c').address.toString(16)} in block 0x${named('c').block.toString(16)}`,
    );
    await shot('snippet-heap.png');
    // Select a, then click c's block in the heap map: c is selected again.
    await page.click('[data-frame="<module>"] tr[data-name="a"] button');
    expect((await heap())?.address).toBe(named('a').block);
    const point = await page.evaluate(
      (b) => window.__pymemPlaygroundHeap!.pointOf(b.arena, b.pool, b.offset + 1),
      dictBlock!,
    );
    expect(point).not.toBeNull();
    await page.mouse.click(point!.x, point!.y);
    const selected = page.locator('[data-testid=object-card].selected');
    expect(await selected.getAttribute('data-address')).toBe(String(named('c').address));
  });

  it('shows a refusal as pymem run prints it', async () => {
    await page.click('[data-testid=code-pane] .cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('import numpy as np\nx = np.zeros(3)');
    await run('3.12');
    expect((await hook()).outcome).toBe('unsupported');
    await page.evaluate(() => window.__pymemPlayground!.go(1e9));
    const expected = runPython('import numpy as np\nx = np.zeros(3)', {
      python: '3.12',
      filename: 'snippet.py',
    }).stderr;
    expect(await page.textContent('[data-testid=output] .stderr')).toBe(expected);
  });

  it("walks through a collection phase by phase, in CPython's order with the model's counts", async () => {
    await page.selectOption('[data-testid=sample]', 'cycle');
    await run('3.12');
    const cycle = SAMPLES.find((s) => s.id === 'cycle')!.source;
    const expected: CollectionView[] = [];
    const printed = runPython(cycle, { python: '3.12', onCollection: (c) => expected.push(c) });
    const found = Number(printed.stdout.split('\n')[1]);
    expect(await page.locator('[data-testid=collection]').count()).toBe(2);
    await page.locator('[data-testid=collection]').nth(1).click();
    const walked: { phase: string; count: number }[] = [];
    for (;;) {
      walked.push({
        phase: (await page.textContent('[data-testid=phase-name]'))!,
        count: Number(await page.textContent('[data-testid=phase-count]')),
      });
      if (await page.locator('[data-testid=phase-forward]').isDisabled()) break;
      await page.click('[data-testid=phase-forward]');
    }
    expect(walked).toEqual(expected[1]!.phases.map((p) => ({ phase: p.phase, count: p.count })));
    const unreachable = walked.find((p) => p.phase === 'move-unreachable')!;
    expect(unreachable.count).toBe(2);
    expect(expected[1]!.collected).toBe(found);
    await shot('snippet-collection.png');
    // The step after the collection: the two lists are gone, `found` not yet bound.
    await page.locator('[data-testid=collection-after]').nth(1).click();
    expect((await hook()).line).toBe(9);
  });

  it('opens a script served by pymem view on the snippet page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymem-snippet-'));
    const script = join(dir, 'mine.py');
    writeFileSync(script, SNIPPET);
    const server = await serveViewer({ file: script, appDir: join(HERE, '..', 'dist', 'app') });
    const served = await browser.context.newPage();
    try {
      served.on('pageerror', (error) => pageErrors.push(error.message));
      await served.goto(server.url);
      await served.waitForFunction(
        (text) => document.querySelector('.cm-content')?.textContent === text.replaceAll('\n', ''),
        SNIPPET,
      );
      expect(await served.getAttribute('[data-testid=tab-snippet]', 'aria-selected')).toBe('true');
      await served.click('[data-testid=run]');
      await served.waitForFunction(() => window.__pymemPlayground?.status === 'ran');
      await served.evaluate(() => window.__pymemPlayground!.go(1e9));
      expect(await served.textContent('[data-testid=output]')).toBe(
        runPython(SNIPPET, { python: '3.12' }).stdout,
      );
    } finally {
      await served.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
