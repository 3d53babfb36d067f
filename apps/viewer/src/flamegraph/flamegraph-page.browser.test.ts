/**
 * The page `pymem flamegraph` writes, opened from disk (file://) in headless Chromium:
 * it draws the frames of the bundled example's tree at its peak with no request
 * anywhere (everything is inlined). Needs the built bundle (dist/flamegraph, made by
 * `pnpm build`, which the root `pnpm test` runs first). Screenshot:
 * test-results/flamegraph/page.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { livePeak, liveStacks } from '@pymem/analysis';
import { parseTextTrace } from '@pymem/tracing';
import { afterAll, describe, expect, it } from 'vitest';
import { flamegraphPage } from '../server/flamegraph-page.ts';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../testing/chromium.ts';

const HERE = import.meta.dirname;
const EXAMPLE = join(HERE, '..', '..', '..', 'cli', 'examples', 'requests.pymem.txt.br');
const SHOTS = join(HERE, '..', '..', '..', '..', 'test-results', 'flamegraph');

const available = hasChromium();
if (!available) {
  process.stderr.write(`\n*** BROWSER TESTS SKIPPED: no ${CHROMIUM_PATH} ***\n\n`);
}

describe.skipIf(!available)('the flame-graph page in Chromium', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'pymem-flamegraph-page-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('opens from disk, draws the tree and fetches nothing', async () => {
    const trace = parseTextTrace(brotliDecompressSync(readFileSync(EXAMPLE)).toString('utf8'));
    const peak = livePeak(trace);
    const root = liveStacks(trace, peak.eventIndex);
    const file = join(scratch, 'requests.flamegraph.html');
    writeFileSync(
      file,
      await flamegraphPage({ title: 'requests.pymem.txt.br', subtitle: 'live at the peak', root }),
    );
    mkdirSync(SHOTS, { recursive: true });
    const browser = await launchChromium({ width: 1400, height: 800 });
    try {
      const page = await browser.context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('file:') && !request.url().startsWith('data:'))
          requests.push(request.url());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => document.querySelectorAll('svg g').length > 10, null, {
        timeout: 30_000,
      });
      await page.waitForTimeout(400); // the frames' entry transition
      const text = (await page.locator('svg').textContent()) ?? '';
      expect(text).toContain('all');
      expect(text).toContain(root.children[0]!.frame.split('/').at(-1)!);
      expect(await page.textContent('h1')).toBe('requests.pymem.txt.br');
      expect(await page.textContent('p')).toContain(
        `${root.blocks.toLocaleString('en-US')} blocks`,
      );

      // Searching highlights and sums the matching frames.
      await page.fill('input[type=search]', 'requests_app.py');
      expect(await page.textContent('.details')).toMatch(/^matching frames: .+ \(\d+\.\d%\)$/);
      await page.screenshot({ path: join(SHOTS, 'page.png'), fullPage: true });
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
