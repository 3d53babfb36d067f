/**
 * `pymem flamegraph` and `pymem export --to speedscope` on real recordings with sites:
 * the bundled example (CPython 3.12.1, one frame per site) and, where an interpreter
 * is found, a program recorded here with up to eight frames per site. The trees total what
 * tracemalloc's own API says over the same recording.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSON_SCHEMAS, speedscopeSchema } from '@pymem/cli';
import { liveInterpreterFor } from '@pymem/cpython';
import { Replayer, takeSnapshot } from '@pymem/runtime';
import { readTraceFile } from '@pymem/tracing/node';
import { describe, expect, it } from 'vitest';
import { listFixtures } from './support/fixtures.ts';
import { runCli } from './support/run-cli.ts';

const EXAMPLE = join(import.meta.dirname, '..', 'apps', 'cli', 'examples', 'requests.pymem.txt.br');
const scratch = mkdtempSync(join(tmpdir(), 'pymem-flamegraph-'));

interface Node {
  frame: string;
  bytes: number;
  blocks: number;
  selfBytes: number;
  selfBlocks: number;
  children: Node[];
}
interface FlamegraphJson {
  selection: { mode: string; eventIndex?: number; peak?: { bytes: number } | null };
  frames: number;
  root: Node;
}

async function flamegraphJson(argv: string[]): Promise<FlamegraphJson> {
  const { status, stdout, stderr } = await runCli(['flamegraph', ...argv, '--json']);
  expect(stderr).toBe('');
  expect(status).toBe(0);
  return JSON_SCHEMAS.flamegraph!.parse(JSON.parse(stdout)) as FlamegraphJson;
}

/** tracemalloc's total over the live blocks after `eventIndex` events of `file`. */
async function tracemallocTotal(file: string, eventIndex: number) {
  const { trace } = await readTraceFile(file, { salvage: false });
  const replayer = new Replayer(trace, { trackBlocks: true });
  replayer.runTo(eventIndex);
  const statistics = takeSnapshot(replayer).statistics('traceback');
  return {
    size: statistics.reduce((sum, statistic) => sum + statistic.size, 0),
    count: statistics.reduce((sum, statistic) => sum + statistic.count, 0),
  };
}

function expectOneLineError(
  result: { status: number; stderr: string },
  status: number,
  pattern: RegExp,
) {
  expect(result.status).toBe(status);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('pymem flamegraph --json', () => {
  it("at the peak (the default), totals tracemalloc's snapshot there", async () => {
    const tree = await flamegraphJson([EXAMPLE]);
    expect(tree.selection.mode).toBe('live');
    expect(tree.selection.peak!.bytes).toBe(tree.root.bytes);
    const expected = await tracemallocTotal(EXAMPLE, tree.selection.eventIndex!);
    expect(tree.root.bytes).toBe(expected.size);
    expect(tree.root.blocks).toBe(expected.count);
    expect(tree.root.frame).toBe('all');
    expect(tree.root.children[0]!.frame).toMatch(/requests_app\.py:\d+$/);
    expect(tree.frames).toBeGreaterThan(10);
  });

  it("at a mark, totals tracemalloc's snapshot there; the peak is never below it", async () => {
    const atMark = await flamegraphJson([EXAMPLE, '--mark', 'after-cleanup']);
    const { trace } = await readTraceFile(EXAMPLE, { salvage: false });
    const mark = trace.marks.find((candidate) => candidate.label === 'after-cleanup')!;
    expect(atMark.selection).toEqual({
      mode: 'live',
      eventIndex: mark.eventIndex,
      mark: 'after-cleanup',
      peak: null,
    });
    expect(atMark.root.bytes).toBe((await tracemallocTotal(EXAMPLE, mark.eventIndex)).size);
    const peak = await flamegraphJson([EXAMPLE, '--peak']);
    expect(peak.root.bytes).toBeGreaterThanOrEqual(atMark.root.bytes);
  });

  it('counts what was allocated in a window, freed or not', async () => {
    const window = await flamegraphJson([EXAMPLE, '--from', 'mid-burst', '--to', 'peak']);
    expect(window.selection).toMatchObject({ mode: 'allocated' });
    const { trace } = await readTraceFile(EXAMPLE, { salvage: false });
    const from = trace.marks.find((mark) => mark.label === 'mid-burst')!.eventIndex;
    const to = trace.marks.find((mark) => mark.label === 'peak')!.eventIndex;
    let bytes = 0;
    let blocks = 0;
    for (let i = from; i < to; i++) {
      const op = trace.op[i]!;
      if (trace.domain[i] === 0 || op < 2 || op === 5) continue; // raw, arenas, frees
      const result = op === 4 ? trace.c[i]! : trace.b[i]!;
      if (result === 0) continue;
      bytes += op === 4 ? trace.b[i]! : trace.a[i]!;
      blocks++;
    }
    expect(window.root.bytes).toBe(bytes);
    expect(window.root.blocks).toBe(blocks);
  });

  it('refuses a recording without sites in one line (exit 2), and mixed selections (exit 1)', async () => {
    const fixture = listFixtures().find((f) => f.version === '3.12.1')!;
    expectOneLineError(
      await runCli(['flamegraph', fixture.path]),
      2,
      /has no allocation sites: record it with pymem record --sites N/,
    );
    expectOneLineError(
      await runCli(['export', fixture.path, '--to', 'speedscope']),
      2,
      /--sites N/,
    );
    expectOneLineError(
      await runCli(['flamegraph', EXAMPLE, '--peak', '--at', '5']),
      1,
      /give one of --at, --mark, --peak or --from\/--to/,
    );
    expectOneLineError(await runCli(['export', EXAMPLE, '--to', 'pprof']), 1, /speedscope/);
  });
});

describe('pymem flamegraph (HTML)', () => {
  it('writes one self-contained file next to the name of the recording, never over one', async () => {
    const before = process.cwd();
    process.chdir(scratch);
    try {
      const first = await runCli(['flamegraph', EXAMPLE]);
      expect(first.status).toBe(0);
      expect(first.stderr).toMatch(
        /wrote the flame graph of [\d,]+ blocks .* to requests\.flamegraph\.html/,
      );
      const html = readFileSync(join(scratch, 'requests.flamegraph.html'), 'utf8');
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('requests_app.py');
      // Nothing is fetched: no external script, stylesheet, import or font.
      expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);
      expect(html).not.toMatch(/<link\b/i);
      expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
      expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
      expect(html).not.toMatch(/fetch\(\s*["'`]https?:/);

      expectOneLineError(await runCli(['flamegraph', EXAMPLE]), 2, /exists already: give --force/);
      expect((await runCli(['flamegraph', EXAMPLE, '--force'])).status).toBe(0);
    } finally {
      process.chdir(before);
    }
  });
});

describe('pymem export --to speedscope', () => {
  it("writes speedscope's sampled format, weights in bytes summing to the tree", async () => {
    const output = join(scratch, 'requests.speedscope.json');
    const { status, stderr } = await runCli([
      'export',
      EXAMPLE,
      '--to',
      'speedscope',
      '--mark',
      'peak',
      '-o',
      output,
    ]);
    expect(status).toBe(0);
    expect(stderr).toMatch(/wrote a speedscope profile/);
    const file = speedscopeSchema.parse(JSON.parse(readFileSync(output, 'utf8'))) as {
      shared: { frames: { name: string; file?: string; line?: number }[] };
      profiles: { samples: number[][]; weights: number[]; endValue: number }[];
    };
    const tree = await flamegraphJson([EXAMPLE, '--mark', 'peak']);
    const [profile] = file.profiles;
    expect(profile!.weights.reduce((sum, weight) => sum + weight, 0)).toBe(tree.root.bytes);
    expect(profile!.endValue).toBe(tree.root.bytes);
    expect(profile!.samples).toHaveLength(profile!.weights.length);
    // Root first: every sample starts at a frame the tree has right under its root.
    const outermost = new Set(tree.root.children.map((child) => child.frame));
    for (const sample of profile!.samples)
      expect(outermost.has(file.shared.frames[sample[0]!]!.name)).toBe(true);
    const app = file.shared.frames.find((frame) => frame.name.includes('requests_app.py'))!;
    expect(app.file).toMatch(/requests_app\.py$/);
    expect(app.line).toBeGreaterThan(0);
  });
});

const python = liveInterpreterFor('3.12', 'pymem flamegraph of a live recording with --sites 8');
describe.skipIf(!python)('pymem flamegraph of a program recorded here', () => {
  it('shows each allocation under its callers, outermost first', async () => {
    const script = join(scratch, 'nested.py');
    writeFileSync(
      script,
      [
        'def make():',
        '    return [bytes(300) for _ in range(2000)]',
        'def outer():',
        '    return make()',
        'keep = outer()',
        '',
      ].join('\n'),
    );
    const output = join(scratch, 'nested.pmt');
    const recorded = await runCli([
      'record',
      '--python',
      python!.path,
      '--sites',
      '8',
      '-o',
      output,
      script,
    ]);
    expect(recorded.status).toBe(0);
    expect(existsSync(output)).toBe(true);
    const tree = await flamegraphJson([output]);
    const expected = await tracemallocTotal(output, tree.selection.eventIndex!);
    expect(tree.root.bytes).toBe(expected.size);
    const find = (node: Node, frame: RegExp) =>
      node.children.find((child) => frame.test(child.frame));
    const line5 = find(tree.root, /nested\.py:5$/)!;
    const line4 = find(line5, /nested\.py:4$/)!;
    const line2 = find(line4, /nested\.py:2$/)!;
    // 2,000 bytes objects of 300 bytes each, plus their headers.
    expect(line2.selfBlocks).toBeGreaterThanOrEqual(2000);
    expect(line2.selfBytes).toBeGreaterThanOrEqual(2000 * 300);
  });
});
