/**
 * The interned dict growing, against CPython 3.8–3.13 (scripts/interned-growth.ts,
 * programs/intern_growth.py): from the table's state when the section starts — read
 * off the recording's first two resizes — the model must predict every resize of
 * 40,000 interned strs, three in four dropped (mortal: they leave dummies, and the
 * next table is sized for fewer; 3.12: immortal, they stay), and 20,000 more: which
 * str triggers it, the new table's request size, the free of the table before it. Recorded (the
 * committed fixture) and live (a fresh recording where the interpreter is found).
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { Heap, HeapError } from '@pymem/objects';
import { PROFILES, parseVersion, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import {
  INTERNED_FIXTURE,
  type InternedGrowth,
  modelGrowth,
  recordedGrowth,
  recordInternGrowth,
} from './scripts/interned-growth.ts';

describe('the interned dict, recorded', () => {
  const fixture = JSON.parse(readFileSync(INTERNED_FIXTURE, 'utf8')) as Record<
    string,
    InternedGrowth
  >;

  it('holds 3.8 … 3.13, each with more resizes than the two that fix the start state', () => {
    expect(Object.keys(fixture).sort()).toEqual(
      RECORDED_PROFILE_NAMES.map((name) => PROFILES[name].referenceRelease).sort(),
    );
    for (const growth of Object.values(fixture)) expect(growth.events.length).toBeGreaterThan(4);
  });

  for (const [release, growth] of Object.entries(fixture)) {
    it(`grows as CPython ${release}'s did`, () => {
      expect(modelGrowth(parseVersion(release).name, growth.startup)).toEqual(growth.events);
    });
  }
});

describe('the interned dict, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    const interpreter = liveInterpreterFor(profile, 'interned dict growth');
    it.skipIf(!interpreter)(`grows as a fresh CPython ${profile} run's does`, async () => {
      const output = join(tmpdir(), `pymem-intern-growth-${process.pid}-${profile}.txt`);
      try {
        const growth = recordedGrowth(profile, await recordInternGrowth(interpreter!, output));
        expect(modelGrowth(profile, growth.startup)).toEqual(growth.events);
      } finally {
        rmSync(output, { force: true });
      }
    });
  }
});

describe('Heap.setInternedDict', () => {
  it('refuses a state no keys table can have, in one line', () => {
    const heap = new Heap({ profile: '3.11' });
    for (const state of [
      { log2Size: 2, used: 0, usable: 0 },
      { log2Size: 3, used: 4, usable: 2 },
      { log2Size: 10, used: -1, usable: 5 },
      { log2Size: 10.5, used: 1, usable: 1 },
    ]) {
      let error: unknown;
      try {
        heap.setInternedDict(state);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(HeapError);
      expect((error as HeapError).code).toBe('invalid-argument');
      expect((error as HeapError).message).not.toContain('\n');
    }
  });

  it('keeps the table the model allocates among the heap’s blocks (validateHeap)', async () => {
    const { validateHeap } = await import('@pymem/objects');
    const heap = new Heap({ profile: '3.9' });
    heap.setInternedDict({ log2Size: 3, used: 4, usable: 1 });
    const strs = ['alpha', 'beta', 'gamma'].map((text) => {
      const s = heap.newStr(`pymem_${text}`);
      const interned = heap.intern(s);
      heap.decref(s);
      return interned;
    });
    validateHeap(heap);
    for (const s of strs) heap.decref(s);
    validateHeap(heap);
  });
});
