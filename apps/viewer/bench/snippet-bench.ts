/**
 * Snippet-page bench: stepping latency on a 10,000-step run, measured in the page.
 *
 * The static build is opened over file:// with `?run`; a program of about 10,000
 * statements (a loop making lists, dicts and tuples, a function call each round) is
 * typed and run in the page's worker; then the page is moved to random steps and each
 * move is timed from the call to the next painted frame (state update, render of the
 * frames and objects, the code pane's line, layout and paint). Goal: ≤ 50 ms per step.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../src/testing/chromium.ts';

/** The run's program: 4 statements per round, 2,500 rounds (+ the call's body). */
export const STEPPING_PROGRAM: string = [
  'def pair(i):',
  '    return (i, [i, i + 1])',
  'rows = []',
  'i = 0',
  'while i < 2000:',
  '    rows.append(pair(i))',
  '    d = {"id": i, "row": rows[-1]}',
  '    i += 1',
].join('\n');

/** What one stepping measurement found. */
export interface SteppingResult {
  /** Statements the run executed. */
  readonly executed: number;
  /** Steps kept for stepping. */
  readonly steps: number;
  /** Milliseconds the worker's run took (views captured included). */
  readonly runMs: number;
  /** Milliseconds per random step, call to painted frame. */
  readonly latencies: readonly number[];
}

/** Opens the built page, runs {@link STEPPING_PROGRAM} and times `moves` random steps. */
export async function measureStepping(appDir: string, moves = 40): Promise<SteppingResult> {
  const browser = await launchChromium({ width: 1500, height: 1000 });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${pathToFileURL(join(appDir, 'index.html')).href}?run`);
    await page.waitForSelector('[data-testid=code-pane] .cm-content');
    await page.click('[data-testid=code-pane] .cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(STEPPING_PROGRAM);
    await page.click('[data-testid=run]');
    await page.waitForFunction(() => window.__pymemPlayground?.status === 'ran', null, {
      timeout: 120_000,
    });
    const summary = await page.textContent('[data-testid=run-summary]');
    const executed = Number(/^([\d,]+) statements/.exec(summary ?? '')?.[1]?.replaceAll(',', ''));
    const runMs = Number(/in (\d+) ms/.exec(summary ?? '')?.[1]);
    const steps = await page.evaluate(() => window.__pymemPlayground!.steps);
    let seed = 7;
    const targets = Array.from({ length: moves }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * steps);
    });
    const latencies = await page.evaluate(async (to) => {
      const out: number[] = [];
      for (const index of to) {
        const started = performance.now();
        window.__pymemPlayground!.go(index);
        await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        out.push(performance.now() - started);
      }
      return out;
    }, targets);
    return { executed, steps, runMs, latencies };
  } finally {
    await browser.close();
  }
}
