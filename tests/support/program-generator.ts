/**
 * Random Python programs for differential tests: fast-check builds a list of steps
 * over a few slots (allocate bytes/str/list/dict/instances of a chosen size, free,
 * grow, collect, mark), rendered as a script the model has never seen.
 */
import fc from 'fast-check';

/** One step of a generated program. */
export type Step =
  | { readonly kind: 'bytes'; readonly slot: number; readonly count: number; readonly size: number }
  | { readonly kind: 'str'; readonly slot: number; readonly count: number; readonly size: number }
  | { readonly kind: 'dicts'; readonly slot: number; readonly count: number; readonly keys: number }
  | { readonly kind: 'cycles'; readonly slot: number; readonly count: number }
  | { readonly kind: 'grow'; readonly slot: number; readonly by: number }
  | { readonly kind: 'drop'; readonly slot: number; readonly every: number }
  | { readonly kind: 'collect' }
  | { readonly kind: 'mark' };

const slot = fc.integer({ min: 0, max: 5 });
const count = fc.integer({ min: 1, max: 3000 });

/** Arbitrary programs of 5 to 25 steps. */
export const programSteps: fc.Arbitrary<Step[]> = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('bytes' as const),
      slot,
      count,
      size: fc.integer({ min: 0, max: 1200 }),
    }),
    fc.record({
      kind: fc.constant('str' as const),
      slot,
      count,
      size: fc.integer({ min: 0, max: 700 }),
    }),
    fc.record({
      kind: fc.constant('dicts' as const),
      slot,
      count: fc.integer({ min: 1, max: 800 }),
      keys: fc.integer({ min: 0, max: 30 }),
    }),
    fc.record({
      kind: fc.constant('cycles' as const),
      slot,
      count: fc.integer({ min: 1, max: 1500 }),
    }),
    fc.record({ kind: fc.constant('grow' as const), slot, by: fc.integer({ min: 1, max: 5000 }) }),
    fc.record({ kind: fc.constant('drop' as const), slot, every: fc.integer({ min: 1, max: 4 }) }),
    fc.constant({ kind: 'collect' as const }),
    fc.constant({ kind: 'mark' as const }),
  ),
  { minLength: 5, maxLength: 25 },
);

/** Renders steps as a Python script that marks after every step and exits with os._exit. */
export function renderProgram(steps: readonly Step[]): string {
  const lines = [
    'import gc, os, pymem_record',
    'class Node:',
    '    def __init__(self, other=None):',
    '        self.other = other',
    'slots = [[] for _ in range(6)]',
  ];
  steps.forEach((step, index) => {
    switch (step.kind) {
      case 'bytes':
        lines.push(`slots[${step.slot}] = [bytes(${step.size}) for _ in range(${step.count})]`);
        break;
      case 'str':
        lines.push(
          `slots[${step.slot}] = ["%d" % i + "s" * ${step.size} for i in range(${step.count})]`,
        );
        break;
      case 'dicts':
        lines.push(
          `slots[${step.slot}] = [{str(k): k for k in range(${step.keys})} for _ in range(${step.count})]`,
        );
        break;
      case 'cycles':
        lines.push(
          `slots[${step.slot}] = []`,
          `for _ in range(${step.count}):`,
          `    a = Node(); b = Node(a); a.other = b`,
          'del a, b',
        );
        break;
      case 'grow':
        lines.push(`slots[${step.slot}].extend([None] * ${step.by})`);
        break;
      case 'drop':
        lines.push(`del slots[${step.slot}][::${step.every}]`);
        break;
      case 'collect':
        lines.push('gc.collect()');
        break;
      case 'mark':
        break;
    }
    lines.push(`pymem_record.mark("step ${index} ${step.kind}")`);
  });
  lines.push('os._exit(0)', '');
  return lines.join('\n');
}
