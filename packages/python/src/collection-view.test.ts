import { describe, expect, it } from 'vitest';
import type { CollectionView } from './collection-view.ts';
import { runPython } from './run.ts';

/** gc_collect_main's order (Modules/gcmodule.c 3.8–3.12, Python/gc.c 3.13). */
const CPYTHON_ORDER = [
  'update-refs',
  'immortal-to-permanent',
  'subtract-refs',
  'move-unreachable',
  'untrack-tuples',
  'untrack-dicts',
  'move-legacy-finalizers',
  'handle-weakrefs',
  'finalize-garbage',
  'resurrected',
  'delete-garbage',
  'handle-legacy-finalizers',
];

/** tests/programs/run/sample_cycle.py (its output is checked against CPython there). */
const CYCLE = `import gc
gc.collect()
a = []
b = [a]
a.append(b)
print(len(a), len(b))
del a, b
found = gc.collect()
print(found)
print("The two lists kept each other alive after del; the collector found", found, "unreachable objects and freed them.")
`;

describe('collection views', () => {
  it.each(['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'])(
    '%s: each gc.collect() with its phases in order, its unreachable lists and its result',
    (python) => {
      const collections: CollectionView[] = [];
      const result = runPython(CYCLE, { python, onCollection: (c) => collections.push(c) });
      expect(result.outcome).toBe('ok');
      expect(collections).toHaveLength(2);
      const [, second] = collections as [CollectionView, CollectionView];
      expect(second.line).toBe(8);
      expect(second.generation).toBe(2);
      expect(second.reason).toBe('manual');
      const printed = Number(result.stdout.split('\n')[1]);
      expect(second.collected).toBe(printed);
      const order = second.phases.map((p) => CPYTHON_ORDER.indexOf(p.phase));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      const unreachable = second.phases.find((p) => p.phase === 'move-unreachable')!;
      expect(unreachable.objects.map((o) => o.type)).toEqual(['list', 'list']);
      const cleared = second.phases.find((p) => p.phase === 'delete-garbage')!;
      for (const o of cleared.objects)
        expect(unreachable.objects.map((u) => u.address)).toContain(o.address);
    },
  );
});
