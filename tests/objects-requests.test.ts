/**
 * What the object layer asks the allocator for, against CPython: the sections of
 * tests/programs/object_requests.py (list growth, displays, copies, repeats, extends,
 * pops, nested lists, str- and int-keyed dicts, dict copies and deletions, sets, floats
 * and their free list, strs), each a sequence of PyObject_/PyMem_ malloc, calloc,
 * realloc and free calls with their sizes and which block each one touches.
 *
 * Recorded: the model on a fresh heap against the committed fixture (blocks numbered
 * by first appearance). Live: a fresh `pymem record` of the program; its allocator
 * calls up to the first section are replayed into the model's pymalloc, then the
 * model's object operations must produce CPython's calls pointer for pointer.
 */
import { liveInterpreterFor } from '@pymem/cpython';
import { Heap, validateHeap } from '@pymem/objects';
import { OBMALLOC_CONSTANTS, Obmalloc } from '@pymem/obmalloc';
import { parseVersion, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import {
  normalize,
  recordedAddresses,
  recordedSections,
  replayUntil,
  runSections,
  SECTIONS,
  withAddresses,
} from './scripts/object-requests.ts';
import {
  readObjectRequestsFixture,
  recordObjectRequests,
} from './scripts/record-objects-fixtures.ts';

describe('allocator requests of objects, recorded', () => {
  const fixture = readObjectRequestsFixture();

  it('holds every section for 3.8 … 3.13', () => {
    expect(Object.keys(fixture).sort()).toEqual([
      '3.10.13',
      '3.11.7',
      '3.12.1',
      '3.13.0',
      '3.8.18',
      '3.9.18',
    ]);
    for (const sections of Object.values(fixture)) {
      expect(Object.keys(sections)).toEqual(SECTIONS.map(([label]) => label));
    }
  });

  for (const [release, sections] of Object.entries(fixture)) {
    it(`makes CPython ${release}'s calls in every section`, () => {
      const heap = new Heap({ profile: parseVersion(release).name });
      const model = runSections(heap);
      for (const [label, calls] of Object.entries(sections)) {
        expect({ label, calls: normalize(model.get(label) ?? []) }).toEqual({ label, calls });
      }
      validateHeap(heap);
    });
  }
});

describe('allocator requests of objects, live', () => {
  for (const profile of RECORDED_PROFILE_NAMES) {
    const interpreter = liveInterpreterFor(profile, 'object allocator requests');
    it.skipIf(!interpreter)(
      `makes a fresh CPython ${profile} run's calls, pointer for pointer`,
      async () => {
        const text = await recordObjectRequests(interpreter!);
        const recorded = recordedSections(text);
        const constants = OBMALLOC_CONSTANTS[profile];
        const { arenaAllocator, rawAllocator, queue } = recordedAddresses(
          text,
          constants.arenaSize,
        );
        const obmalloc = new Obmalloc({ profile, arenaAllocator, rawAllocator });
        replayUntil(text, SECTIONS[0]![0], obmalloc, queue);
        // Requests pymalloc declines go to libc, whose addresses pymem does not model.
        for (const calls of recorded.values()) {
          for (const c of calls) {
            if (c.call !== 'f' && (c.nbytes === 0 || c.nbytes > constants.smallRequestThreshold)) {
              queue.pending.push(c.address);
            }
          }
        }
        const heap = new Heap({ profile, obmalloc });
        const model = runSections(heap);
        // The interpreter itself now and then frees a block of its own inside a section
        // (seen once on 3.8, at the start of a section): a free of an address that none
        // of the model's calls in that section touch. At most one such free per run is
        // set aside, and named; a missing free of the model's own objects would still
        // show up as a different pointer in the calls that follow.
        const foreign: string[] = [];
        for (const [label] of SECTIONS) {
          const calls = withAddresses(model.get(label) ?? []);
          const touched = new Set(calls.map((line) => line.split(' ').at(-1)));
          const cpython = withAddresses(recorded.get(label) ?? []).filter((line) => {
            const own = !line.startsWith('f ') || touched.has(line.split(' ').at(-1));
            if (!own) foreign.push(`${label}: ${line}`);
            return own;
          });
          expect({ label, calls }).toEqual({ label, calls: cpython });
        }
        expect(foreign.length, `frees set aside: ${foreign.join('; ')}`).toBeLessThanOrEqual(1);
        validateHeap(heap);
      },
    );
  }
});
