/**
 * Mortal classes (`newClass(…, { mortal: true })`, @pymem/objects heap-types.ts) under
 * the collector, on random graphs (fast-check, fixed seed): classes holding instances
 * of themselves or of other classes and other classes as attributes, some kept from
 * outside. A full collection frees exactly the objects not reachable from the kept
 * classes — never one that is — counts exactly them, and leaves the heap and the
 * collector valid; once every class is dropped, a full collection gives every block
 * back to pymalloc. The generational collector (3.8–3.14.5+); Pyodide's incremental
 * one is compared with CPython in tests/gc-heap.live.test.ts.
 */
import { Heap, type ObjectHandle, reachableFrom, validateHeap } from '@pymem/objects';
import type { ProfileName } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeapCollector } from './heap-collector.ts';

const program = fc.record({
  classes: fc.integer({ min: 1, max: 6 }),
  // [holder class, instance of class]: `holder.iN = cls()`.
  instances: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
  // [holder class, class]: `holder.cN = cls`.
  links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }),
  keep: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  profile: fc.constantFrom<ProfileName>('3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'),
});

describe('mortal classes under the collector', () => {
  it('frees exactly the unreachable classes and their parts, blocks back to pymalloc', () => {
    fc.assert(
      fc.property(program, ({ classes, instances, links, keep, profile }) => {
        const heap = new Heap({ profile });
        const hc = new HeapCollector(heap);
        hc.gc.disable();
        const before = heap.obmalloc.getAllocatedBlocks() - heap.foreignBlocks;
        const cls: ObjectHandle[] = [];
        for (let i = 0; i < classes; i++) cls.push(heap.newClass(`C${i}`, { mortal: true }));
        instances.forEach(([holder, of], n) => {
          const o = heap.newInstance(cls[of % classes]!);
          heap.setClassAttr(cls[holder % classes]!, `i${n}`, o);
          heap.decref(o);
        });
        links.forEach(([holder, target], n) => {
          heap.setClassAttr(cls[holder % classes]!, `c${n}`, cls[target % classes]!);
        });
        const kept = cls.filter((_, i) => keep[i]);
        const live = reachableFrom(heap, kept);
        for (let i = 0; i < classes; i++) if (!keep[i]) heap.decref(cls[i]!);
        const garbage: ObjectHandle[] = [];
        // The classes' weakrefs live in `object`'s registry of subclasses (held from outside).
        heap.forEachTracked((o) => {
          if (!live.has(o) && !heap.isSingleton(o) && heap.typeOf(o) !== 'weakref') garbage.push(o);
        });
        expect(hc.gc.collect()).toBe(garbage.length);
        for (const o of garbage) expect(heap.isLive(o), `garbage ${o} freed`).toBe(false);
        for (const o of live) expect(heap.isLive(o), `reachable ${o} kept`).toBe(true);
        expect(() => validateHeap(heap)).not.toThrow();
        expect(hc.collector.validate()).toEqual([]);
        for (const o of kept) heap.decref(o);
        hc.gc.collect();
        expect(() => validateHeap(heap)).not.toThrow();
        expect(heap.obmalloc.getAllocatedBlocks() - heap.foreignBlocks).toBe(before);
      }),
      { seed: 20261203, numRuns: 200 },
    );
  });
});
