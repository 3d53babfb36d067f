import { Replayer, synthesizeTrace, takeSnapshot } from '@pymem/runtime';
import {
  Domain,
  LiveTraces,
  Op,
  type RawFrame,
  type Trace,
  TraceBuilder,
  type TracebackDefinition,
} from '@pymem/tracing';
import { describe, expect, it } from 'vitest';
import {
  allocatedStacks,
  livePeak,
  liveStacks,
  ROOT_FRAME,
  type StackNode,
  TRUNCATED_FRAME,
} from './allocation-stacks.ts';
import { blockLifetimes } from './block-lifetimes.ts';
import { UNKNOWN_SITE } from './sites.ts';

/** Checks the tree's invariants (module comment) at every node. */
function validateTree(node: StackNode): void {
  let bytes = node.selfBytes;
  let blocks = node.selfBlocks;
  for (let k = 0; k < node.children.length; k++) {
    const child = node.children[k]!;
    validateTree(child);
    bytes += child.bytes;
    blocks += child.blocks;
    if (k > 0) expect(child.bytes).toBeLessThanOrEqual(node.children[k - 1]!.bytes);
  }
  expect(node.bytes).toBe(bytes);
  expect(node.blocks).toBe(blocks);
}

/** path (outermost first, joined by ' > ') → [selfBytes, selfBlocks], for nodes with self. */
function leaves(node: StackNode, path: string[] = [], out = new Map<string, number[]>()) {
  if (node.selfBlocks > 0) out.set(path.join(' > '), [node.selfBytes, node.selfBlocks]);
  for (const child of node.children) leaves(child, [...path, child.frame], out);
  return out;
}

/** A trace with two files, three stacks (one truncated) and events of every kind. */
function smallTrace(): Trace {
  const b = new TraceBuilder();
  b.filenames.push({ ...b.position(), id: 0, filename: 'app.py' });
  b.filenames.push({ ...b.position(), id: 1, filename: 'lib.py' });
  const tb = (id: number, totalFrames: number, frames: [number, number][]) =>
    b.tracebacks.push({
      ...b.position(),
      id,
      totalFrames,
      frames: frames.map(([filename, lineno]) => ({ filename, lineno })),
    });
  tb(0, 2, [
    [1, 7],
    [0, 40],
  ]); // lib.py:7 called from app.py:40
  tb(1, 2, [
    [1, 9],
    [0, 40],
  ]); // lib.py:9 called from app.py:40
  tb(2, 5, [[1, 7]]); // deeper than recorded
  b.push(Op.malloc, Domain.obj, 100, 0x1000, 0, 1, 0); // 0
  b.push(Op.malloc, Domain.obj, 30, 0x2000, 0, 2, 1); // 1
  b.push(Op.calloc, Domain.mem, 8, 0x3000, 0, 3, 2); // 2
  b.push(Op.malloc, Domain.raw, 5000, 0x9000, 0, 4, 0); // 3: raw, not counted
  b.push(Op.realloc, Domain.obj, 0x2000, 60, 0x4000, 5, 0); // 4: 30 → 60 bytes, now at tb 0
  b.push(Op.malloc, Domain.obj, 16, 0x5000, 0, 6); // 5: no site
  b.push(Op.free, Domain.obj, 0x1000, 0, 0, 7); // 6
  b.push(Op.malloc, Domain.obj, 1, 0x6000, 0, 8, 1); // 7
  return b.finish({ formatVersion: 1, python: '3.12.1', metadata: {} });
}

describe('liveStacks', () => {
  it('sums live requested bytes up the stacks, outermost frame first', () => {
    const tree = liveStacks(smallTrace(), 6);
    validateTree(tree);
    expect(tree.frame).toBe(ROOT_FRAME);
    expect(tree.bytes).toBe(100 + 8 + 60 + 16);
    expect(tree.blocks).toBe(4);
    expect([...leaves(tree)]).toEqual([
      ['app.py:40 > lib.py:7', [160, 2]],
      [`${UNKNOWN_SITE}`, [16, 1]],
      [`${TRUNCATED_FRAME} > lib.py:7`, [8, 1]],
    ]);
    expect(tree.children.map((child) => [child.frame, child.bytes])).toEqual([
      ['app.py:40', 160],
      [UNKNOWN_SITE, 16],
      [TRUNCATED_FRAME, 8],
    ]);
  });

  it('is empty before the first event and follows frees after it', () => {
    const trace = smallTrace();
    expect(liveStacks(trace, 0)).toEqual({
      frame: ROOT_FRAME,
      bytes: 0,
      blocks: 0,
      selfBytes: 0,
      selfBlocks: 0,
      children: [],
    });
    const end = liveStacks(trace, trace.length);
    expect([...leaves(end)]).toEqual([
      ['app.py:40 > lib.py:7', [60, 1]],
      ['app.py:40 > lib.py:9', [1, 1]],
      [`${UNKNOWN_SITE}`, [16, 1]],
      [`${TRUNCATED_FRAME} > lib.py:7`, [8, 1]],
    ]);
  });

  it("totals what tracemalloc's snapshot of a replay totals, traceback by traceback", () => {
    const trace = deepSites(synthesizeTrace({ events: 30_000, seed: 11, sites: 30 }));
    const freedAt = blockLifetimes(trace);
    const replayer = new Replayer(trace, { trackBlocks: true });
    for (const position of [0, 1, 999, 12_000, 20_001, trace.length]) {
      replayer.runTo(position);
      const tree = liveStacks(trace, position, freedAt);
      validateTree(tree);
      const expected = new Map<string, number[]>();
      let size = 0;
      let count = 0;
      for (const statistic of takeSnapshot(replayer).statistics('traceback')) {
        const frames = statistic.traceback.rawFrames; // oldest first
        const path = frames.map(([file, line]) =>
          file === '<unknown>' ? UNKNOWN_SITE : `${file}:${line}`,
        );
        // Stacks that deepSites truncated begin with its marker frame.
        if (path[0] === 'main.py:1') path.unshift(TRUNCATED_FRAME);
        expected.set(path.join(' > '), [statistic.size, statistic.count]);
        size += statistic.size;
        count += statistic.count;
      }
      expect(tree.bytes).toBe(size);
      expect(tree.blocks).toBe(count);
      expect(leaves(tree)).toEqual(expected);
    }
  });
});

/**
 * `trace` with three-frame sites sharing callers: traceback t becomes
 * main.py:1 or main.py:2 → mid.py:(t % 4) → its own frame, and the ones called from
 * main.py:1 are marked as deeper than recorded.
 */
function deepSites(trace: Trace): Trace {
  const base = trace.filenames.length;
  const filenames = [
    ...trace.filenames,
    { eventIndex: 0, seq: 0, id: base, filename: 'main.py' },
    { eventIndex: 0, seq: 0, id: base + 1, filename: 'mid.py' },
  ];
  const tracebacks: TracebackDefinition[] = trace.tracebacks.map((definition) => {
    const t = definition.id;
    const outer = 1 + (t % 2);
    return {
      ...definition,
      totalFrames: outer === 1 ? 9 : 3,
      frames: [
        definition.frames[0]!,
        { filename: base + 1, lineno: t % 4 },
        { filename: base, lineno: outer },
      ],
    };
  });
  return { ...trace, filenames, tracebacks };
}

describe('livePeak', () => {
  it('is the first point of highest live requested bytes', () => {
    const trace = smallTrace();
    // After events 0,1,2: 138; event 4 (realloc 30 → 60): 168; event 5: 184 (peak).
    expect(livePeak(trace)).toEqual({ eventIndex: 6, bytes: 184, blocks: 4 });
    expect(liveStacks(trace, 6).bytes).toBe(184);
  });

  it("equals tracemalloc's get_traced_memory() peak over the same events", () => {
    const trace = synthesizeTrace({ events: 40_000, seed: 5, sites: 20 });
    const traces = new LiveTraces();
    const frames: RawFrame[] = [['x.py', 1]];
    let peakAt = 0;
    for (let i = 0; i < trace.length; i++) {
      const op = trace.op[i]!;
      if (op === Op.arenaAlloc || op === Op.arenaFree || trace.domain[i] === Domain.raw) continue;
      const before = traces.getTracedMemory()[1];
      if (op === Op.malloc || op === Op.calloc) {
        if (trace.b[i]) traces.alloc(trace.b[i]!, trace.a[i]!, frames);
      } else if (op === Op.realloc) {
        if (trace.c[i]) traces.realloc(trace.a[i]!, trace.c[i]!, trace.b[i]!, frames);
      } else traces.free(trace.a[i]!);
      if (traces.getTracedMemory()[1] > before) peakAt = i + 1;
    }
    const peak = livePeak(trace);
    expect(peak.bytes).toBe(traces.getTracedMemory()[1]);
    expect(peak.eventIndex).toBe(peakAt);
    expect(liveStacks(trace, peak.eventIndex).bytes).toBe(peak.bytes);
  });
});

describe('allocatedStacks', () => {
  it('counts every allocation in [from, to), freed or not, reallocs at their new size', () => {
    const trace = smallTrace();
    const tree = allocatedStacks(trace, 1, 8);
    validateTree(tree);
    expect(tree.bytes).toBe(30 + 8 + 60 + 16 + 1);
    expect(tree.blocks).toBe(5);
    expect([...leaves(tree)]).toEqual([
      ['app.py:40 > lib.py:7', [60, 1]],
      ['app.py:40 > lib.py:9', [31, 2]],
      [`${UNKNOWN_SITE}`, [16, 1]],
      [`${TRUNCATED_FRAME} > lib.py:7`, [8, 1]],
    ]);
    expect(allocatedStacks(trace, 3, 3).bytes).toBe(0);
  });
});
