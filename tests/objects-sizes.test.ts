/**
 * Object sizes and GC tracking against real CPython: every recipe of
 * scripts/object-recipes.ts (≈2,400 objects: ints, floats, strs of each kind, bytes,
 * bytearrays, tuples, lists, dicts and sets built in a dozen ways each) is built in
 * the model and its `sizeof` / `isTracked` / `getrefcount` compared with
 * `sys.getsizeof` / `gc.is_tracked` / `sys.getrefcount` (singletons' counts only where
 * they are immortal: before 3.12 they depend on the whole interpreter), and sets'
 * iteration order with their table slots — from the
 * committed fixture (recorded by
 * scripts/record-objects-fixtures.ts: 3.8.18 … 3.13.0 and Pyodide's 3.14.2 on
 * wasm32), then live on every interpreter found here (a missing one is announced).
 */
import { liveInterpreterFor } from '@pymem/cpython';
import { Heap, validateHeap } from '@pymem/objects';
import { type ProfileName, parseVersion, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { buildRecipe, objectRecipes } from './scripts/object-recipes.ts';
import {
  type ObjectProbeResult,
  probeObjects,
  probeObjectsInPyodide,
  readObjectSizesFixture,
} from './scripts/record-objects-fixtures.ts';

const recipes = objectRecipes();

/** Builds every recipe in a fresh heap; returns the lines that differ from `truth`. */
function compare(profile: ProfileName, truth: ObjectProbeResult): string[] {
  const heap = new Heap({ profile, pointerSize: truth.pointer });
  const problems: string[] = [];
  recipes.forEach((recipe, index) => {
    const object = buildRecipe(heap, recipe);
    const size = heap.sizeof(object);
    if (size !== truth.sizes[index])
      problems.push(`${recipe}: model ${size}, CPython ${truth.sizes[index]}`);
    const refcount = heap.getrefcount(object);
    const comparable = !heap.isSingleton(object) || heap.layout.immortalRefcount !== null;
    if (comparable && refcount !== truth.refcounts[index]) {
      problems.push(`${recipe}: model refcount ${refcount}, CPython ${truth.refcounts[index]}`);
    }
    const expectedOrder = truth.orders[index];
    if (expectedOrder !== null && expectedOrder !== undefined) {
      const order = heap.referents(object).map((key) => Number(heap.valueOf(key)));
      const shown = order.every((v, i) => i === 0 || order[i - 1]! <= v) ? 'asc' : order;
      if (JSON.stringify(shown) !== JSON.stringify(expectedOrder)) {
        problems.push(
          `${recipe}: model order ${JSON.stringify(shown)}, CPython ${JSON.stringify(expectedOrder)}`,
        );
      }
    }
    const tracked = heap.isTracked(object) ? '1' : '0';
    if (tracked !== truth.tracked[index]) {
      problems.push(`${recipe}: model tracked=${tracked}, CPython ${truth.tracked[index]}`);
    }
    heap.decref(object);
    if (index % 200 === 0) validateHeap(heap);
  });
  validateHeap(heap);
  const instance = heap.layout.instancePreHeader + heap.layout.instanceBasic;
  if (instance !== truth.instance)
    problems.push(`class instance: model ${instance}, CPython ${truth.instance}`);
  return problems;
}

function profileOf(version: string): ProfileName {
  return parseVersion(version).name;
}

describe('object sizes, recorded', () => {
  const fixture = readObjectSizesFixture();

  it('was recorded with the current recipe list (re-record with `pnpm objects-fixtures`)', () => {
    expect(fixture.recipes).toEqual(recipes);
    expect(recipes.length).toBeGreaterThanOrEqual(1000);
  });

  it('holds 3.8 … 3.13 on 64-bit and 3.14 on wasm32', () => {
    const versions = Object.values(fixture.interpreters).map((r) => `${r.version}/${r.pointer}`);
    expect(versions.sort()).toEqual([
      '3.10.13/8',
      '3.11.7/8',
      '3.12.1/8',
      '3.13.0/8',
      '3.14.2/4',
      '3.8.18/8',
      '3.9.18/8',
    ]);
  });

  for (const truth of Object.values(fixture.interpreters)) {
    it(`matches CPython ${truth.version} (${truth.pointer * 8}-bit) on all ${truth.sizes.length} objects`, () => {
      expect(truth.sizes).toHaveLength(recipes.length);
      expect(compare(profileOf(truth.version), truth)).toEqual([]);
    });
  }
});

describe('object sizes, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    const interpreter = liveInterpreterFor(profile, 'object sizes');
    it.skipIf(!interpreter)(`matches a fresh run of CPython ${profile}`, () => {
      const truth = probeObjects(interpreter!.path, recipes);
      expect(truth.sizes).toHaveLength(recipes.length);
      expect(compare(profile, truth)).toEqual([]);
    });
  }

  it('matches a fresh run of Pyodide (CPython 3.14, wasm32) against the 32-bit 3.14 layout', async (context) => {
    const truth = await probeObjectsInPyodide(recipes);
    if (truth === null) return context.skip(); // announced loudly by runInPyodide
    expect(truth.version.startsWith('3.14.')).toBe(true);
    expect(truth.pointer).toBe(4);
    expect(compare('3.14', truth)).toEqual([]);
  });
});
