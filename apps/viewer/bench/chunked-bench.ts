/**
 * Chunked-open bench: the memory and time to first paint of a large `.pmt` recording
 * read chunk by chunk (`?chunks=always`, what `auto` does from 32 MiB on).
 *
 * The recording is written here by writeSyntheticPmt (a bounded live set, as a long
 * real run has), served by serveViewer and opened in headless Chromium. Measured:
 *   first paint   navigation → first heap-map paint (the worker's scan and replay
 *                 included: they are linear in the events);
 *   page heap     the page's JS heap plus typed-array backing stores after a forced
 *                 GC (CDP), at first paint and after warm-up and seeks;
 *   browser PSS   proportional set size of every Chromium process of the launch,
 *                 summed (/proc/PID/smaps_rollup; shared pages counted once);
 * and what the whole-trace path would need for the event columns alone (34 bytes an
 * event). The goal (issue #16) is ≤ 1 GiB for 10^8 events: a run of N events prints
 * the heap and PSS measured and, since neither grows with the events, says so.
 */
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticPmt } from '@pymem/runtime';
import { serveViewer } from '../src/server/serve-viewer.ts';
import { launchChromium } from '../src/testing/chromium.ts';

/** What one measurement found. */
export interface ChunkedOpenResult {
  readonly events: number;
  readonly fileBytes: number;
  /** Milliseconds from navigation to the first heap-map paint. */
  readonly firstPaintMs: number;
  /** Worker milliseconds: scan, and the one replay. */
  readonly readMs: number;
  readonly replayMs: number;
  /** Milliseconds from the first paint until every checkpoint was laid. */
  readonly warmMs: number;
  /**
   * The page's memory after a GC (JS heap plus typed arrays' backing stores), in bytes:
   * after the first paint, and after warm-up and seeks.
   */
  readonly heapAtPaint: number;
  readonly heapAfterSeeks: number;
  /** Summed PSS of the browser's processes after the seeks, in bytes (null where /proc is missing). */
  readonly browserPss: number | null;
  /** Median milliseconds of a seek to a random event once warmed. */
  readonly seekMedianMs: number;
}

/** Summed PSS in bytes of the processes whose command line names `profile`, and their children. */
function browserPss(marker: string): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const parent = new Map<string, string>();
  const roots = new Set<string>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]!);
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) roots.add(pid);
    } catch {}
  }
  const inTree = (pid: string): boolean => {
    for (let at: string | undefined = pid, depth = 0; at && depth < 20; depth++) {
      if (roots.has(at)) return true;
      at = parent.get(at);
    }
    return false;
  };
  let total = 0;
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      total += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    } catch {}
  }
  return total;
}

/** Writes a synthetic recording of `events` events and opens it chunk by chunk. */
export async function measureChunkedOpen(
  appDir: string,
  events: number,
): Promise<ChunkedOpenResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'pymem-chunked-bench-'));
  try {
    const file = join(scratch, 'long.pmt');
    const fd = openSync(file, 'w');
    let fileBytes = 0;
    const written = writeSyntheticPmt({ events, seed: 5, sites: 0, maxLive: 100_000 }, (bytes) => {
      fileBytes += bytes.length;
      writeSync(fd, bytes);
    });
    closeSync(fd);
    const server = await serveViewer({ file, appDir });
    const browser = await launchChromium({ width: 1500, height: 1000 });
    try {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        const usage = (await cdp.send('Runtime.getHeapUsage')) as {
          usedSize: number;
          backingStorageSize?: number;
        };
        // Typed arrays' contents (checkpoints, chunks) live outside the JS heap proper.
        return usage.usedSize + (usage.backingStorageSize ?? 0);
      };
      await page.goto(`${server.url}&chunks=always`);
      await page.waitForFunction(() => window.__pymemViewer?.timings.firstPaint != null, null, {
        timeout: 3_600_000,
      });
      const heapAtPaint = await heap();
      await page.waitForFunction(() => window.__pymemViewer!.timings.warmed != null, null, {
        timeout: 3_600_000,
        polling: 500,
      });
      const timings = await page.evaluate(() => window.__pymemViewer!.timings);
      let seed = 23;
      const targets = Array.from({ length: 12 }, () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return Math.floor((seed / 2147483648) * written);
      });
      const seeks = await page.evaluate(async (list) => {
        const out: number[] = [];
        for (const at of list) out.push(await window.__pymemViewer!.seek(at));
        return out;
      }, targets);
      const heapAfterSeeks = await heap();
      const profileMarker = 'pymem-chromium-';
      seeks.sort((a, b) => a - b);
      return {
        events: written,
        fileBytes,
        firstPaintMs: timings.firstPaint!,
        readMs: timings.readMs!,
        replayMs: timings.replayMs!,
        warmMs: timings.warmed! - timings.firstPaint!,
        heapAtPaint,
        heapAfterSeeks,
        browserPss: browserPss(profileMarker),
        seekMedianMs: seeks[Math.floor((seeks.length - 1) / 2)]!,
      };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The bench's lines for `result`, with the extrapolation to 10^8 events said plainly. */
export function chunkedOpenLines(result: ChunkedOpenResult): string[] {
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const columns = result.events * 34;
  const goal = 2 ** 30;
  const pss = result.browserPss;
  const rate = result.events / ((result.readMs + result.replayMs) / 1000);
  return [
    '',
    `chunked .pmt: ${result.events.toLocaleString('en-US')} events (${mib(result.fileBytes)}), ` +
      `first paint ${(result.firstPaintMs / 1000).toFixed(1)} s from navigation (worker scan ` +
      `${(result.readMs / 1000).toFixed(1)} s + replay ${(result.replayMs / 1000).toFixed(1)} s), ` +
      `checkpoints laid ${(result.warmMs / 1000).toFixed(1)} s later, seek median ${result.seekMedianMs.toFixed(0)} ms`,
    `  page heap (JS + typed arrays) after GC: ${mib(result.heapAtPaint)} at first paint, ${mib(result.heapAfterSeeks)} ` +
      `after warm-up and seeks (the whole-trace path: ${mib(columns)} for the event columns alone)`,
    `  browser PSS (all its processes): ${pss === null ? 'not measured (no /proc)' : mib(pss)}`,
    `  10^8 events: the page holds the notes, the chunk index (an entry per 65,536 events), ` +
      `the checkpoints (≤ 128 MiB) and ≤ 32 MiB of chunks beyond those in use; time is linear: about ` +
      `${(1e8 / rate / 60).toFixed(0)} min to first paint at ${Math.round(rate).toLocaleString('en-US')} events/s`,
    result.events >= 1e8
      ? `goal ≤ 1 GiB for 10^8 events: ${pss !== null && pss <= goal ? 'met' : 'missed'} ` +
        `(${pss === null ? '?' : mib(pss)} PSS, measured at ${result.events.toLocaleString('en-US')} events)`
      : `goal ≤ 1 GiB for 10^8 events: not measured here (${pss === null ? '?' : mib(pss)} PSS at ` +
        `${result.events.toLocaleString('en-US')} events, flat in the events; --chunked-events 100000000 measures it, ~10 min)`,
  ];
}
