/**
 * Records tests/programs/gc_frees.py with `pymem record` and cuts the recording into
 * its sections' normalized allocator calls (object-requests.ts), for
 * tests/gc-frees.test.ts and its fixture.
 */
import type { Interpreter } from '@pymem/cpython';
import { normalize, recordedSections } from './object-requests.ts';
import { recordObjectRequests } from './record-objects-fixtures.ts';

/** The recorded program. */
export const GC_FREES_PROGRAM: string = new URL('../programs/gc_frees.py', import.meta.url)
  .pathname;

/** Its sections, in order. */
export const GC_FREES_LABELS: readonly string[] = [
  'pairs',
  'collect-pairs',
  'self-lists',
  'collect-self-lists-gen0',
  'weakref',
  'collect-weakref',
  'finalizer-and-method',
  'collect-finalizer-and-method',
];

/** A fresh recording of the program on `interpreter`: section → normalized calls. */
export async function recordGcFrees(interpreter: Interpreter): Promise<Record<string, string[]>> {
  const text = await recordObjectRequests(interpreter, GC_FREES_PROGRAM);
  const sections = recordedSections(text, new Set(GC_FREES_LABELS));
  return Object.fromEntries(
    GC_FREES_LABELS.map((label) => [label, normalize(sections.get(label) ?? [])]),
  );
}
