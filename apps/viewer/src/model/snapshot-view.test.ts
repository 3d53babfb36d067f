/**
 * The viewer's snapshot view over the heap snapshot recorded from CPython 3.12.1
 * (tests/programs/heap_snapshot.py, fixture tests/fixtures/snapshots/3.12.1): the
 * object ↔ block links, the search, and the chain that program builds on purpose.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { snapshotObjects } from '@pymem/analysis';
import { hexAddress } from '@pymem/obmalloc';
import { Replayer } from '@pymem/runtime';
import { decodePmt } from '@pymem/tracing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstPass } from './first-pass.ts';
import { ViewerSession } from './session.ts';
import { SnapshotView, snapshotAt } from './snapshot-view.ts';

const FIXTURE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  'tests',
  'fixtures',
  'snapshots',
  '3.12.1',
  'heap_snapshot.pmt.br',
);

describe('SnapshotView over a CPython 3.12.1 heap snapshot', () => {
  // The worker posts the trace: the page sees a structured clone of it.
  const trace = structuredClone(decodePmt(brotliDecompressSync(readFileSync(FIXTURE))).trace);
  const pass = firstPass(trace, 20);
  const session = new ViewerSession({
    trace,
    name: 'heap_snapshot.pmt',
    format: 'pmt',
    warnings: [],
    timeline: pass.timeline,
  });
  const snapshot = snapshotAt(trace, trace.marks.find((mark) => mark.label === 's')!.eventIndex)!;
  const view = new SnapshotView(session, snapshot);

  it('finds the snapshot only at its own event', () => {
    expect(snapshot.label).toBe('s');
    expect(snapshotAt(trace, snapshot.eventIndex - 1)).toBeNull();
    expect(snapshotAt(trace, trace.length)).toBeNull();
  });

  it('counts by type exactly as snapshotObjects on a fresh replay does', () => {
    const replayer = new Replayer(trace);
    replayer.runTo(snapshot.eventIndex);
    session.model(trace.length); // the seeker elsewhere: the view must seek back
    expect(view.objects()).toEqual(snapshotObjects(snapshot, replayer.model));
  });

  it('links object → block → object both ways, for every linked object', () => {
    let linked = 0;
    for (let i = 0; i < snapshot.length; i++) {
      const block = view.blockOf(i);
      if (!block) continue;
      linked++;
      const address = snapshot.address[i] as number;
      expect(address).toBeGreaterThanOrEqual(block.address);
      expect(address).toBeLessThan(block.address + block.size);
      expect(view.objectInBlock(block.address, block.size)).toBe(i);
    }
    expect(linked).toBe(view.objects().linked);
  });

  it('puts every object inside an arena in exactly one arena row, its types summing to it', () => {
    const arenas = view.arenaObjects();
    const all = view.objects();
    expect(arenas.reduce((sum, row) => sum + row.objects, 0)).toBe(all.linked + all.unlinked);
    for (const row of arenas) {
      expect(row.types.reduce((sum, type) => sum + type.objects, 0)).toBe(row.objects);
      expect(row.types.reduce((sum, type) => sum + type.bytes, 0)).toBe(row.bytes);
    }
    // Linked objects sit in their block's arena.
    const counted = new Map(arenas.map((row) => [row.arena, 0]));
    for (let i = 0; i < snapshot.length; i++) {
      const block = view.blockOf(i);
      if (block) counted.set(block.arena, (counted.get(block.arena) ?? 0) + 1);
    }
    for (const row of arenas) expect(counted.get(row.arena)).toBeLessThanOrEqual(row.objects);
  });

  it('reads the generation from bits 6–8 only, modules (labelled) included', () => {
    const modules: number[] = [];
    for (let i = 0; i < snapshot.length; i++) {
      expect(view.generation(i)).toMatch(/^(generation [0-2]|permanent|untracked)$/);
      if (view.label(i) !== null) modules.push(i);
    }
    expect(modules.map((i) => view.label(i))).toContain('__main__');
    // Modules are GC-tracked: each sits in a generation list.
    for (const i of modules) expect(view.generation(i)).toMatch(/^generation [0-2]$/);
  });

  it("gives the collector every object of generations 0–2 as gc.collect(2)'s young list", () => {
    let young = 0;
    for (let i = 0; i < snapshot.length; i++) if (/^generation/.test(view.generation(i))) young++;
    const phases = view.phases();
    expect(phases[0]).toEqual({ phase: 'update-refs', objects: young });
    expect(phases.find((step) => step.phase === 'delete-garbage')?.objects).toBe(
      view.collect().collected,
    );
  });

  it('finds an object by any prefix of its address and by its type name', () => {
    fc.assert(
      fc.property(fc.nat(snapshot.length - 1), fc.integer({ min: 3, max: 14 }), (i, digits) => {
        const hex = hexAddress(snapshot.address[i] as number);
        const found = view.search(hex.slice(0, Math.min(hex.length, digits)));
        if (digits >= hex.length) expect(found).toContain(i);
        for (const j of found)
          expect(hexAddress(snapshot.address[j] as number).startsWith(hex.slice(0, digits))).toBe(
            true,
          );
      }),
      { numRuns: 50 },
    );
    const leaks = view.search('__main__.leak');
    expect(leaks.map((i) => view.typeName(i))).toEqual(['__main__.Leak']);
  });

  it("explains the leak through the module's globals, edge by edge", () => {
    const leak = view.search('__main__.Leak')[0]!;
    const chain = view.why(leak);
    expect(chain.root).toBe('module');
    expect(chain.edges).toEqual(['.__dict__', "['registry']", "['cache']", '[3]']);
    expect(chain.path.map((i) => view.typeName(i))).toEqual([
      'module',
      'dict',
      'dict',
      'list',
      '__main__.Leak',
    ]);
    for (let k = 0; k + 1 < chain.path.length; k++)
      expect(view.referents(chain.path[k]!).map((r) => r.object)).toContain(chain.path[k + 1]);
  });
});
