/**
 * Growth by type (`pymem diff`) and the objects pinning nearly empty arenas (`pymem
 * report` / `pymem fragmentation`) on committed recordings of real CPython 3.12.1: the
 * bundled example (apps/cli/examples/requests_app.py, a heap snapshot at
 * "after-cleanup") and tests/programs/heap_snapshot.py (tests/fixtures/snapshots).
 * The live suites (heap-snapshot-growth.live.test.ts, heap-snapshot-pinning.live.test.ts)
 * check both against the real process under 3.8–3.13; here: what the example's program
 * is known to keep, the snapshot at or before a point, and the answers without one.
 * Then invariants of the growth table on generated snapshots (fast-check).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { gcObjectCounts, snapshotGrowth } from '@pymem/analysis';
import { JSON_SCHEMAS } from '@pymem/cli';
import {
  emptyHeapEdgeNames,
  HEAP_GENERATION_SHIFT,
  HeapObjectFlag,
  type HeapSnapshot,
  heapGeneration,
} from '@pymem/tracing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from './support/fixtures.ts';
import { runCli } from './support/run-cli.ts';

const EXAMPLE = join(import.meta.dirname, '..', 'apps', 'cli', 'examples', 'requests.pymem.txt.br');
const dir = mkdtempSync(join(tmpdir(), 'pymem-snapshot-reports-'));
const fixture = join(dir, 'heap_snapshot.pmt');
writeFileSync(
  fixture,
  brotliDecompressSync(
    readFileSync(join(FIXTURES_DIR, 'snapshots', '3.12.1', 'heap_snapshot.pmt.br')),
  ),
);

interface PinningJson {
  snapshot: string;
  snapshotEventIndex: number;
  exact: boolean;
  arenas: {
    arena: number;
    blocks: number;
    objects: number;
    rows: { type: string; site: string | null; objects: number; bytes: number }[];
  }[];
}

describe('the objects pinning nearly empty arenas, on the bundled example', () => {
  it('names the cached responses (dicts of requests_app.py:27) in the arenas they pin', async () => {
    const run = await runCli(['report', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    const pinning = report.pinning as PinningJson;
    expect(pinning).toMatchObject({ snapshot: 'after-cleanup', exact: true });
    const nearly = report.arenas.filter((a: { status: string }) => a.status === 'nearly-empty');
    expect(pinning.arenas.map((a) => a.arena)).toEqual(
      nearly.map((a: { index: number }) => a.index),
    );
    let responses = 0;
    for (const arena of pinning.arenas) {
      expect(arena.blocks).toBe(
        nearly.find((a: { index: number }) => a.index === arena.arena).blocks,
      );
      expect(arena.rows.reduce((sum, row) => sum + row.objects, 0)).toBe(arena.objects);
      expect(arena.objects).toBeLessThanOrEqual(arena.blocks);
      const bytes = arena.rows.map((row) => row.bytes);
      expect(bytes).toEqual([...bytes].sort((x, y) => y - x));
      responses += arena.rows
        .filter((row) => row.type === 'dict' && row.site?.endsWith('requests_app.py:27'))
        .reduce((sum, row) => sum + row.objects, 0);
    }
    // The cache keeps every 25th of 5,000 responses: 200 dicts made on line 27, at most.
    expect(responses).toBeGreaterThan(100);
    expect(responses).toBeLessThanOrEqual(200);
    // And every object of the snapshot is linked to a live block (nothing unexplained).
    const objects = JSON.parse((await runCli(['objects', EXAMPLE, '--json'])).stdout);
    expect(objects.unlinked).toBe(0);
  });

  it('prints them under the arena table, the same in report and fragmentation', async () => {
    const report = (await runCli(['report'])).stdout;
    const fragmentation = (await runCli(['fragmentation', EXAMPLE, '--mark', 'after-cleanup']))
      .stdout;
    for (const text of [report, fragmentation]) {
      expect(text).toContain(
        'Objects pinning the nearly empty arenas (heap snapshot "after-cleanup", taken at this point)',
      );
      expect(text).toMatch(
        /\n {2}arena 2: [\d,]+ objects in its 467 live blocks\n +\d+ dict +[\d,]+ B {2}\S*requests_app\.py:\d+\n/,
      );
    }
  });

  it('uses the last snapshot before the point, and says so; none before it: null', async () => {
    const end = JSON.parse((await runCli(['fragmentation', fixture, '--json'])).stdout);
    expect(end.pinning).toMatchObject({ snapshot: 's', exact: false });
    const text = (await runCli(['fragmentation', fixture])).stdout;
    expect(text).toMatch(
      /heap snapshot "s", taken before this point, at event [\d,]+: objects created since are not in it\)/,
    );
    const before = JSON.parse(
      (await runCli(['fragmentation', fixture, '--mark', 'plain', '--json'])).stdout,
    );
    expect(before.pinning).toBeNull();
    expect((await runCli(['fragmentation', fixture, '--mark', 'plain'])).stdout).not.toContain(
      'Objects pinning',
    );
  });
});

describe('pymem diff without a heap snapshot at both points', () => {
  it('compares allocators only, and names the point without one', async () => {
    const args = ['diff', EXAMPLE, '--from', 'mid-burst', '--to', 'after-cleanup'];
    const json = JSON.parse((await runCli([...args, '--json'])).stdout);
    expect(json).toMatchObject({ snapshots: null, types: null });
    expect((await runCli(args)).stdout).toContain(
      '(no heap snapshot at mark "mid-burst" (event 90,474): growth by type needs one at both points)',
    );
  });

  it('gives no growth between a snapshot and itself', async () => {
    const run = await runCli(['diff', fixture, '--from', 's', '--to', 's', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ snapshots: { from: 's', to: 's' }, types: [] });
    expect((await runCli(['diff', fixture, '--from', 's', '--to', 's'])).stdout).toContain(
      '\n  no type grew\n',
    );
  });
});

/** A snapshot of objects given as (type id, generation code); nothing else is read. */
function syntheticSnapshot(objects: readonly (readonly [number, number])[]): HeapSnapshot {
  const types = ['A', 'B', 'C', 'D'].map((qualname) => ({ module: 'm', qualname, flags: 0 }));
  return {
    eventIndex: 0,
    label: 'x',
    complete: true,
    gc: { enabled: true, thresholds: [700, 10, 10], counts: [0, 0, 0] },
    types,
    length: objects.length,
    address: new Float64Array(objects.length),
    type: Uint32Array.from(objects.map(([type]) => type)),
    size: new Float64Array(objects.length),
    refcount: new Float64Array(objects.length),
    flags: Uint16Array.from(objects.map(([, generation]) => generation << HEAP_GENERATION_SHIFT)),
    refStart: new Uint32Array(objects.length + 1),
    refs: new Uint32Array(0),
    weakStart: new Uint32Array(objects.length + 1),
    weakrefs: new Uint32Array(0),
    edgeNames: emptyHeapEdgeNames(),
    labels: new Map(),
    parts: [],
  } as unknown as HeapSnapshot;
}

describe('the generation of a labelled object (a module)', () => {
  it('is read from its three bits, not from the label flag above them', () => {
    const snapshot = syntheticSnapshot([[0, 2]]);
    (snapshot.flags as Uint16Array)[0] = HeapObjectFlag.labelled | (1 << HEAP_GENERATION_SHIFT);
    expect(heapGeneration(snapshot, 0)).toBe(1);
    expect(gcObjectCounts(snapshot).get('m.A')).toBe(1);
  });
});

describe('growth by type (objgraph show_growth) on generated snapshots', () => {
  const heap = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 })), {
    maxLength: 60,
  });
  it('lists exactly the types whose gc.get_objects() count rose, largest rise first', () => {
    fc.assert(
      fc.property(heap, heap, (a, b) => {
        const from = syntheticSnapshot(a);
        const to = syntheticSnapshot(b);
        const rows = snapshotGrowth(from, to);
        const before = gcObjectCounts(from);
        const after = gcObjectCounts(to);
        for (const [type, count] of after) {
          const delta = count - (before.get(type) ?? 0);
          const row = rows.find((r) => r.type === type);
          expect(row ? [row.count, row.delta] : null).toEqual(delta > 0 ? [count, delta] : null);
        }
        expect(rows.every((row) => after.has(row.type))).toBe(true);
        for (let k = 1; k < rows.length; k++)
          expect(rows[k - 1]!.delta).toBeGreaterThanOrEqual(rows[k]!.delta);
        // Permanent (3) and untracked (4) objects are not in gc.get_objects().
        const listed = b.filter(([, generation]) => generation <= 2).length;
        expect([...after.values()].reduce((sum, n) => sum + n, 0)).toBe(listed);
        expect(snapshotGrowth(to, to)).toEqual([]);
      }),
      { seed: 13 },
    );
  });
});

describe('pymem objects by arena, on the bundled example', () => {
  it('counts every linked object once, in the arena of its block', async () => {
    const run = await runCli(['objects', EXAMPLE, '--by', 'arena', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    const rows = json.arenas as { arena: number; blocks: number; objects: number }[];
    expect(rows.reduce((sum, row) => sum + row.objects, 0)).toBe(json.linked);
    // The same arenas and live blocks as the arena table at that instant.
    const table = JSON.parse(
      (await runCli(['fragmentation', EXAMPLE, '--mark', 'after-cleanup', '--json'])).stdout,
    );
    expect(rows.map((row) => [row.arena, row.blocks])).toEqual(
      table.arenas.map((a: { index: number; blocks: number }) => [a.index, a.blocks]),
    );
    for (const row of rows) expect(row.objects).toBeLessThanOrEqual(row.blocks);
    const text = (await runCli(['objects', EXAMPLE, '--by', 'arena'])).stdout;
    expect(text).toMatch(
      /\n {2}arena address {10}live blocks {3}objects {8}bytes\n {6}0 0x[0-9a-f]+ /,
    );
  });

  it('lists the objects of one arena, in address order, as the pinning analysis counts them', async () => {
    const run = await runCli(['objects', EXAMPLE, '--arena', '4', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const { arena } = JSON.parse(run.stdout);
    const addresses = arena.objects.map((o: { address: string }) => Number.parseInt(o.address, 16));
    expect(addresses).toEqual([...addresses].sort((x, y) => x - y));
    const base = Number.parseInt(arena.address, 16);
    for (const a of addresses) expect(a - base).toBeLessThan(1 << 20);
    const pinning = JSON.parse((await runCli(['report', '--json'])).stdout).pinning as PinningJson;
    expect(arena.objects.length).toBe(pinning.arenas.find((a) => a.arena === 4)!.objects);
    const text = (await runCli(['objects', EXAMPLE, '--arena', '4', '--top', '2'])).stdout;
    expect(text).toMatch(
      /\narena 4 at 0x[0-9a-f]+: [\d,]+ objects \([\d,]+ bytes\) in its 145 live blocks\n/,
    );
    expect(text).toMatch(/\n {2}… [\d,]+ more objects \(--top N, --json\)\n$/);
  });

  it('answers an arena that is not allocated, or an unknown grouping, in one line', async () => {
    const missing = await runCli(['objects', EXAMPLE, '--arena', '99']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      'pymem: arena 99 is not allocated at heap snapshot "after-cleanup" (allocated arenas: 0, 1, 2, 3, 4)\n',
    );
    const grouping = await runCli(['objects', EXAMPLE, '--by', 'size']);
    expect(grouping.status).toBe(1);
    expect(grouping.stderr).toBe('pymem: --by takes type or arena, not "size"\n');
    const none = await runCli(['objects', fixture, '--mark', 'plain']);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('pymem: mark "plain" has no heap snapshot (heap snapshots: "s")\n');
  });
});

describe('--json of the snapshot reports matches the documented schemas', () => {
  const cases: [string, string[]][] = [
    ['objects', ['objects', EXAMPLE, '--json']],
    ['objects', ['objects', EXAMPLE, '--by', 'arena', '--json']],
    ['objects', ['objects', EXAMPLE, '--arena', '4', '--json']],
    ['gc', ['gc', fixture, '--generation', '1', '--json']],
    ['diff', ['diff', fixture, '--from', 's', '--to', 's', '--json']],
    ['fragmentation', ['fragmentation', fixture, '--json']],
    ['report', ['report', fixture, '--mark', 's', '--json']],
  ];
  for (const [name, argv] of cases)
    it(`pymem ${argv.slice(2).join(' ')}`, async () => {
      const { status, stdout, stderr } = await runCli(argv);
      expect(status, stderr).toBe(0);
      JSON_SCHEMAS[name]!.parse(JSON.parse(stdout));
    });
});
