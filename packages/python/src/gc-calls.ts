/**
 * `import gc` on the model: the functions a program may call on the `gc` module, run
 * on a `HeapCollector` (`@pymem/gc`) attached to the run's heap when the module
 * imports gc. Each takes borrowed arguments and returns a new reference.
 *
 *   gc.collect([generation])   a collection of the model's objects; the count found
 *   gc.enable/disable/isenabled, gc.get_threshold, gc.set_threshold, gc.is_tracked
 *
 * What CPython makes for a result is made here too: `get_threshold()` builds a tuple
 * of three ints (`Py_BuildValue("(iii)")`, Modules/gcmodule.c 3.8–3.12, Python/gc.c
 * 3.13), `collect()` an int, the others a bool or None.
 *
 * Automatic collections are not modelled: CPython's gen0 count includes objects the
 * model does not make (frames, print's temporaries — measured: `gc.get_count()` right
 * after `gc.collect()` is (0, 0, 0) on 3.8–3.13, but after one `print` it is (2, 0, 0)
 * on 3.8 and 3.11–3.13, (1, 0, 0) on 3.9/3.10), so the model cannot know the exact
 * allocation at which CPython collects. Instead the run stops (Unsupported) while the
 * collector is enabled and the model's own count comes within {@link AUTOMATIC_MARGIN}
 * of the gen0 threshold, before CPython could have collected. For the same reason
 * `gc.get_count()` is refused.
 */
import { HeapCollector } from '@pymem/gc';
import type { ObjectHandle } from '@pymem/objects';
import { Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';

/**
 * How far below the gen0 threshold the model's count must stay: CPython's count can be
 * ahead of the model's by objects the model does not make (a zombie frame per called
 * function on 3.8–3.10, print's temporaries), a handful in the programs pymem runs.
 */
export const AUTOMATIC_MARGIN = 200;

/** The `gc` functions the model runs. */
export const GC_FUNCTIONS: ReadonlySet<string> = new Set([
  'collect',
  'enable',
  'disable',
  'isenabled',
  'get_threshold',
  'set_threshold',
  'is_tracked',
]);

/**
 * Attaches a collector to the machine's heap (before the program's constants are made,
 * so every tracked object is the collector's). Any automatic collection it would start
 * stops the run instead (see the module comment).
 */
export function attachCollector(m: Machine): HeapCollector {
  const collector = new HeapCollector(m.heap);
  collector.collector.hook = (event) => {
    if (event.type === 'gc-scheduled' || (event.type === 'gc-start' && event.reason === 'automatic'))
      throw new Unsupported('an automatic collection');
  };
  return collector;
}

/**
 * Stops the run when CPython might have started an automatic collection by now: the
 * collector is enabled, threshold0 is not 0 and the model's gen0 count is within
 * {@link AUTOMATIC_MARGIN} of it. Called before every statement.
 */
export function checkAutomaticCollection(collector: HeapCollector): void {
  const gc = collector.gc;
  if (!gc.isEnabled()) return;
  const threshold = gc.getThreshold()[0];
  if (threshold > 0 && gc.getCount()[0] + AUTOMATIC_MARGIN >= threshold)
    throw new Unsupported(
      `a gen0 count within ${AUTOMATIC_MARGIN} of the threshold ${threshold} (an automatic collection may run)`,
    );
}

function smallInt(m: Machine, o: ObjectHandle, what: string, min: number, max: number): number {
  const heap = m.heap;
  if (heap.typeOf(o) !== 'int') throw new Unsupported(`${what} of a ${heap.typeNameOf(o)}`);
  const value = heap.valueOf(o) as bigint;
  if (value < BigInt(min) || value > BigInt(max))
    throw new Unsupported(`${what} of ${value} (outside ${min}…${max})`);
  return Number(value);
}

/** `gc.NAME(*args)` on the machine's collector → a new reference. */
export function gcCall(
  m: Machine,
  collector: HeapCollector,
  name: string,
  args: readonly ObjectHandle[],
): ObjectHandle {
  const heap = m.heap;
  const gc = collector.gc;
  const arity = (min: number, max: number): void => {
    if (args.length < min || args.length > max)
      throw new Unsupported(`gc.${name}() with ${args.length} arguments`);
  };
  switch (name) {
    case 'collect': {
      arity(0, 1);
      const generation = args.length === 0 ? 2 : smallInt(m, args[0]!, 'gc.collect()', 0, 2);
      return heap.newInt(gc.collect(generation));
    }
    case 'enable':
      arity(0, 0);
      gc.enable();
      return heap.newNone();
    case 'disable':
      arity(0, 0);
      gc.disable();
      return heap.newNone();
    case 'isenabled':
      arity(0, 0);
      return heap.newBool(gc.isEnabled());
    case 'get_threshold': {
      arity(0, 0);
      const ints = gc.getThreshold().map((t) => heap.newInt(t));
      const tuple = heap.newTuple(ints);
      for (const i of ints) heap.decref(i);
      return tuple;
    }
    case 'set_threshold': {
      arity(1, 3);
      const values = args.map((a) => smallInt(m, a, 'gc.set_threshold()', 0, 2 ** 31 - 1));
      gc.setThreshold(...values);
      return heap.newNone();
    }
    case 'is_tracked':
      arity(1, 1);
      return heap.newBool(heap.isTracked(args[0]!));
    default:
      throw new Unsupported(`gc.${name}`);
  }
}
