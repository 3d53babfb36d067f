/**
 * Heap-snapshot bench: how soon a recording whose snapshot holds about a million
 * objects is interactive in the viewer — the page loaded, the snapshot's mark chosen,
 * and the Objects panel drawn with its table of types.
 *
 * The recording is made here by a real CPython (3.12, or the first interpreter found)
 * under `pymem record --snapshot-at-exit`-style recording (`pymem_record.snapshot`),
 * of a program that keeps `objects` small lists and dicts alive. Goal: ≤ 3 s from the
 * mark click to the drawn panel, and printed from navigation too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor, liveInterpreters } from '@pymem/cpython';
import { record } from '@pymem/recorder';
import { serveViewer } from '../src/server/serve-viewer.ts';
import { launchChromium } from '../src/testing/chromium.ts';

/** What one measurement found. */
export interface SnapshotOpenResult {
  /** CPython version recorded. */
  readonly python: string;
  /** Objects in the snapshot (as the panel counts them). */
  readonly objects: string;
  /** Milliseconds from navigation to the first heap-map paint. */
  readonly loadMs: number;
  /** Milliseconds from the mark click to the Objects panel's table. */
  readonly openMs: number;
}

/** Records a program holding about `objects` objects with a snapshot, and opens it. */
export async function measureSnapshotOpen(
  appDir: string,
  objects = 1_000_000,
): Promise<SnapshotOpenResult | null> {
  const interpreter = liveInterpreterFor('3.12', 'the snapshot bench') ?? liveInterpreters()[0];
  if (interpreter === undefined) return null;
  const scratch = mkdtempSync(join(tmpdir(), 'pymem-snapshot-bench-'));
  try {
    const script = join(scratch, 'million.py');
    const rows = Math.floor(objects / 3);
    writeFileSync(
      script,
      [
        'import pymem_record',
        `rows = [([i], {'n': i}) for i in range(${rows})]`,
        "pymem_record.snapshot('s')",
        '',
      ].join('\n'),
    );
    const output = join(scratch, 'million.pmt');
    await record({ interpreter, args: [script], output, format: 'pmt', stdio: 'pipe' });
    const server = await serveViewer({ file: output, appDir });
    const browser = await launchChromium({ width: 1500, height: 1000 });
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => window.__pymemViewer?.timings.firstPaint != null, null, {
        timeout: 300_000,
      });
      const loadMs = await page.evaluate(() => window.__pymemViewer!.timings.firstPaint!);
      const started = Date.now();
      await page.click('button[data-mark="s"]');
      await page.waitForSelector('[data-testid=objects-types] tbody tr', { timeout: 300_000 });
      const openMs = Date.now() - started;
      const summary = (await page.textContent('[data-testid=objects-panel]')) ?? '';
      const count = /([\d,]+) objects/.exec(summary)?.[1] ?? '?';
      return { python: interpreter.version, objects: count, loadMs, openMs };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
