/**
 * Records tests/programs/gc_frees.py with `pymem record` and cuts the recording into
 * its sections' normalized allocator calls (object-requests.ts), for
 * tests/gc-frees.test.ts and its fixture.
 */
import type { Interpreter } from '@pymem/cpython';
import { type AllocatorCall, normalize, recordedSections } from './object-requests.ts';
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

/**
 * The program's sections normalized as one run: a block keeps its `#n` name from the
 * section that made it to the one that frees it, so the order in which a collection
 * frees the blocks of the cycles built before it is part of the comparison.
 */
export function normalizeRun(
  sections: ReadonlyMap<string, readonly AllocatorCall[]>,
): Record<string, string[]> {
  const all = GC_FREES_LABELS.flatMap((label) => sections.get(label) ?? []);
  const names = normalize(all);
  const result: Record<string, string[]> = {};
  let at = 0;
  for (const label of GC_FREES_LABELS) {
    const n = sections.get(label)?.length ?? 0;
    result[label] = names.slice(at, at + n);
    at += n;
  }
  return result;
}

/** A fresh recording of the program on `interpreter`: section → normalized calls. */
export async function recordGcFrees(interpreter: Interpreter): Promise<Record<string, string[]>> {
  const text = await recordObjectRequests(interpreter, GC_FREES_PROGRAM);
  return normalizeRun(recordedSections(text, new Set(GC_FREES_LABELS)));
}
