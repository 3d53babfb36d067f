import { PROFILE_NAMES } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Heap } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

/**
 * staticmethod, classmethod and property objects (method-wrappers.ts): sizes as
 * sys.getsizeof reports them (measured on CPython 3.8.18–3.13.0 and Pyodide 3.14.2 —
 * the clsx_* differential programs check them in real classes), and whatever is made
 * and dropped, every count returns to where it was and the heap validates.
 */
describe('method wrappers', () => {
  it('have CPython sizes', () => {
    const sizes = (profile: '3.8' | '3.9' | '3.10' | '3.13') => {
      const heap = new Heap({ profile });
      const f = heap.newFunction();
      const sm = heap.newMethodWrapper('staticmethod', f);
      const cm = heap.newMethodWrapper('classmethod', f);
      const p = heap.newProperty(f);
      return [heap.sizeof(sm), heap.sizeof(cm), heap.sizeof(p)];
    };
    expect(sizes('3.8')).toEqual([48, 48, 72]);
    expect(sizes('3.9')).toEqual([48, 48, 72]);
    expect(sizes('3.10')).toEqual([48, 48, 80]);
    expect(sizes('3.13')).toEqual([48, 48, 80]);
  });

  it('hold their callable and give every reference back (every profile)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILE_NAMES),
        fc.array(fc.constantFrom('staticmethod', 'classmethod', 'property'), { maxLength: 6 }),
        fc.boolean(),
        (profile, kinds, withDict) => {
          const heap = new Heap({ profile });
          const f = heap.newFunction();
          const made = kinds.map((k) => {
            const o = k === 'property' ? heap.newProperty(f) : heap.newMethodWrapper(k, f);
            expect(heap.isTracked(o)).toBe(true);
            expect(heap.wrappedCallable(o)).toBe(f);
            if (withDict) {
              const extra = k === 'property' ? heap.identifier('name') : heap.newDict();
              heap.setMethodWrapperField(o, extra);
              if (k !== 'property') {
                const a = heap.functionAnnotations(f);
                heap.incref(a);
                const key = heap.identifier('__annotations__');
                heap.dictSetItem(extra, key, a);
                heap.decref(key);
                heap.decref(a);
              }
            }
            validateHeap(heap);
            return o;
          });
          expect(heap.refcount(f)).toBe(1 + kinds.length);
          for (const o of made) heap.decref(o);
          expect(heap.refcount(f)).toBe(1);
          validateHeap(heap);
        },
      ),
    );
  });
});
