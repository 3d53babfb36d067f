/**
 * Viewer bench: time-to-interactive and seek latency, measured in the page.
 *
 *   npx tsx --conditions=@pymem/source apps/viewer/bench/viewer-bench.ts
 *       [--events N]      synthesize a recording of N events (default 1,000,000)
 *       [--trace FILE]    or use this recording (text, .pmt, gzip or brotli)
 *       [--runs N]        page loads per format (default 3)
 *       [--chunked-events N]  events of the chunk-by-chunk row (default 10,000,000; 0: none)
 *
 * The recording is served as text and as .pmt by serveViewer and opened in headless
 * Chromium (/usr/bin/chromium) with `?trace=`, as `pymem view` does. From the page's
 * `window.__pymemViewer` it reads:
 *   time to interactive  load start → first heap-map paint (the page responds from
 *                        then); also from navigation start;
 *   seek latency         a seek through the page's state to the repainted heap map
 *                        and panels, at random events, once the checkpoints are laid.
 * Goals: ≤ 2 s and ≤ 100 ms on a 1M-event recording. Then the snippet page
 * (snippet-bench.ts): stepping latency on a 10,000-step run, goal ≤ 50 ms per step.
 * Last, a large `.pmt` read chunk by chunk (chunked-bench.ts): page heap, browser
 * memory and time to first paint.
 * Builds the app first if needed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { synthesizeTrace } from '@pymem/runtime';
import {
  decodePmt,
  encodePmtBytes,
  formatTextTrace,
  isPmt,
  parseTextTrace,
  type Trace,
} from '@pymem/tracing';
import { serveViewer } from '../src/server/serve-viewer.ts';
import { hasChromium, launchChromium } from '../src/testing/chromium.ts';
import { chunkedOpenLines, measureChunkedOpen } from './chunked-bench.ts';
import { measureSnapshotOpen } from './snapshot-bench.ts';
import { measureStepping } from './snippet-bench.ts';

const here = import.meta.dirname;
const APP = join(here, '..', 'dist', 'app');
const SEEKS = 40;

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    trace: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'chunked-events': { type: 'string', default: '10000000' },
  },
});

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function loadTrace(path: string): Trace {
  let bytes: Uint8Array = readFileSync(path);
  if (path.endsWith('.br')) bytes = brotliDecompressSync(bytes);
  else if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return isPmt(bytes) ? decodePmt(bytes).trace : parseTextTrace(new TextDecoder().decode(bytes));
}

interface RunResult {
  readonly tti: number;
  readonly fromNavigation: number;
  readonly readMs: number;
  readonly replayMs: number;
  readonly warmMs: number;
  readonly coldSeek: number;
  readonly seeks: number[];
  readonly paints: number[];
}

async function main(): Promise<void> {
  if (!hasChromium()) {
    log('*** viewer bench needs /usr/bin/chromium (apt-get install chromium) ***');
    process.exitCode = 1;
    return;
  }
  if (!existsSync(join(APP, 'index.html'))) {
    log('building the viewer app (vite build) …');
    const { build } = await import('vite');
    await build({ configFile: join(here, '..', 'vite.config.ts'), logLevel: 'warn' });
  }
  const scratch = mkdtempSync(join(tmpdir(), 'pymem-viewer-bench-'));
  try {
    let trace: Trace;
    let started = performance.now();
    if (values.trace) {
      trace = loadTrace(resolve(values.trace));
      log(`recording ${values.trace}: ${trace.length.toLocaleString('en-US')} events`);
    } else {
      trace = synthesizeTrace({ events: Number(values.events), seed: 1, sites: 40 });
      log(
        `synthesized ${trace.length.toLocaleString('en-US')} events in ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    started = performance.now();
    const files = {
      text: join(scratch, 'bench.pymem.txt'),
      pmt: join(scratch, 'bench.pmt'),
    };
    writeFileSync(files.text, [...formatTextTrace(trace)].join(''));
    writeFileSync(files.pmt, encodePmtBytes(trace));
    log(`wrote text and .pmt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const runs = Math.max(1, Number(values.runs));
    const results: Record<string, RunResult[]> = { text: [], pmt: [] };
    for (const [format, file] of Object.entries(files)) {
      const size = readFileSync(file).length;
      log(`\n${format}: ${(size / 2 ** 20).toFixed(1)} MiB`);
      for (let run = 0; run < runs; run++) {
        const result = await measure(file, trace.length, run);
        results[format]!.push(result);
        log(
          `  run ${run + 1}: interactive ${result.tti.toFixed(0)} ms ` +
            `(${result.fromNavigation.toFixed(0)} ms from navigation; worker read ` +
            `${result.readMs.toFixed(0)} + replay ${result.replayMs.toFixed(0)} ms), ` +
            `checkpoints laid ${result.warmMs.toFixed(0)} ms later; seek median ` +
            `${median(result.seeks).toFixed(1)} ms, p95 ${percentile(result.seeks, 0.95).toFixed(1)}, ` +
            `max ${Math.max(...result.seeks).toFixed(1)}`,
        );
      }
    }
    const lines = [
      '',
      `viewer bench: ${trace.length.toLocaleString('en-US')} events, CPython ${trace.header.python}, median of ${runs} page loads`,
      'format  interactive  from nav  seek median  seek p95  seek max  paint median  first seek (cold)',
    ];
    for (const [format, list] of Object.entries(results)) {
      const seeks = list.flatMap((r) => r.seeks);
      const paints = list.flatMap((r) => r.paints);
      lines.push(
        `${format.padEnd(6)}  ${`${median(list.map((r) => r.tti)).toFixed(0)} ms`.padStart(11)}  ` +
          `${`${median(list.map((r) => r.fromNavigation)).toFixed(0)} ms`.padStart(8)}  ` +
          `${`${median(seeks).toFixed(1)} ms`.padStart(11)}  ` +
          `${`${percentile(seeks, 0.95).toFixed(1)} ms`.padStart(8)}  ` +
          `${`${Math.max(...seeks).toFixed(1)} ms`.padStart(8)}  ` +
          `${`${median(paints).toFixed(1)} ms`.padStart(12)}  ` +
          `${`${median(list.map((r) => r.coldSeek)).toFixed(0)} ms`.padStart(17)}`,
      );
    }
    const pmtTti = median(results.pmt!.map((r) => r.tti));
    const textTti = median(results.text!.map((r) => r.tti));
    const worstSeek = percentile(
      Object.values(results).flatMap((list) => list.flatMap((r) => r.seeks)),
      0.95,
    );
    lines.push(
      '',
      `goal time-to-interactive ≤ 2000 ms: .pmt ${pmtTti <= 2000 ? 'met' : 'missed'} ` +
        `(${pmtTti.toFixed(0)} ms), text ${textTti <= 2000 ? 'met' : 'missed'} (${textTti.toFixed(0)} ms)`,
      `goal seek ≤ 100 ms (p95): ${worstSeek <= 100 ? 'met' : 'missed'} (${worstSeek.toFixed(1)} ms)`,
    );
    const stepping = await measureStepping(APP);
    const stepP95 = percentile(stepping.latencies, 0.95);
    lines.push(
      '',
      `snippet page: ${stepping.executed.toLocaleString('en-US')} statements run in the worker in ` +
        `${stepping.runMs} ms, ${stepping.steps.toLocaleString('en-US')} steps kept; step median ` +
        `${median(stepping.latencies).toFixed(1)} ms, p95 ${stepP95.toFixed(1)} ms`,
      `goal step ≤ 50 ms (p95): ${stepP95 <= 50 ? 'met' : 'missed'} (${stepP95.toFixed(1)} ms, ` +
        `ratio to goal ${(stepP95 / 50).toFixed(2)})`,
    );
    const opened = await measureSnapshotOpen(APP);
    if (opened === null)
      lines.push('', '*** snapshot bench skipped: no CPython interpreter found ***');
    else
      lines.push(
        '',
        `heap snapshot of ${opened.objects} objects (CPython ${opened.python}): page painted in ` +
          `${opened.loadMs.toFixed(0)} ms, Objects panel drawn ${opened.openMs} ms after the mark click`,
        `goal snapshot interactive ≤ 3000 ms: ${opened.openMs <= 3000 ? 'met' : 'missed'} ` +
          `(ratio to goal ${(opened.openMs / 3000).toFixed(2)})`,
      );
    const chunkedEvents = Number(values['chunked-events']);
    if (chunkedEvents > 0) {
      log(`\nchunked .pmt: writing and opening ${chunkedEvents.toLocaleString('en-US')} events …`);
      lines.push(...chunkedOpenLines(await measureChunkedOpen(APP, chunkedEvents)));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function measure(file: string, length: number, run: number): Promise<RunResult> {
  const server = await serveViewer({ file, appDir: APP });
  const browser = await launchChromium({ width: 1500, height: 1000 });
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => window.__pymemViewer?.timings.firstPaint != null, null, {
      timeout: 120_000,
    });
    // A seek far from the end right after the first paint, before the checkpoints are laid.
    const coldSeek = await page.evaluate(
      (at) => window.__pymemViewer!.seek(at),
      Math.floor(length * 0.37),
    );
    await page.waitForFunction(() => window.__pymemViewer!.timings.warmed != null, null, {
      timeout: 120_000,
    });
    const timings = await page.evaluate(() => window.__pymemViewer!.timings);
    let seed = 17 + run;
    const targets = Array.from({ length: SEEKS }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * length);
    });
    const { seeks, paints } = await page.evaluate(async (events) => {
      const v = window.__pymemViewer!;
      const seeks: number[] = [];
      const paints: number[] = [];
      for (const at of events) {
        seeks.push(await v.seek(at));
        paints.push(v.seekAndPaint(at));
      }
      return { seeks, paints };
    }, targets);
    return {
      tti: timings.timeToInteractive!,
      fromNavigation: timings.firstPaint!,
      readMs: timings.readMs!,
      replayMs: timings.replayMs!,
      warmMs: timings.warmed! - timings.firstPaint!,
      coldSeek,
      seeks,
      paints,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
