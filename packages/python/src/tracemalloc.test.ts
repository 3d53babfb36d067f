/**
 * `tracemalloc` in `pymem run` (module-tracemalloc.ts, tracemalloc-traces.ts): sizes
 * CPython 3.8.18–3.13.0 printed for small programs (requested sizes, realloc growth,
 * the per-version int size), fast-check invariants of the traces over any sequence of
 * allocator calls, and the refusals. The tm_* differential programs hold the rest.
 */
import { Heap, type ObjectEvent } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';
import { TracedBlocks } from './tracemalloc-traces.ts';

function run(program: string, python: string): [string, string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout, r.stderr];
}

const PROFILES = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'];

describe('tracemalloc.get_traced_memory', () => {
  it("traces a list's items but not the list itself (measured on 3.8.18–3.13.0)", () => {
    const program = [
      'import tracemalloc',
      'a = b = x = None',
      'tracemalloc.start()',
      'a = tracemalloc.get_traced_memory()',
      'x = [0] * 1000',
      'b = tracemalloc.get_traced_memory()',
      'tracemalloc.stop()',
      'print(a, b, tracemalloc.get_traced_memory())',
    ].join('\n');
    for (const python of PROFILES)
      expect(run(program, python)).toEqual(['ok', '(0, 0) (8000, 8008) (0, 0)\n', '']);
  });

  it('traces one-digit ints at 28 bytes, 32 from 3.11, and realloc growth in the peak', () => {
    const program = [
      'import tracemalloc',
      'n = 300',
      'u = r = x = None',
      'tracemalloc.start()',
      'u = n + n',
      'x = [None] * 3',
      'x.append(1)',
      'x = None',
      'r = tracemalloc.get_traced_memory()',
      'tracemalloc.stop()',
      'print(r)',
    ].join('\n');
    // Measured: 3.8 grows 3 → 7 slots, 3.9+ 3 → 8 (list_resize).
    const expected: Record<string, string> = {
      '3.8': '(28, 84)',
      '3.9': '(28, 92)',
      '3.10': '(28, 92)',
      '3.11': '(32, 96)',
      '3.12': '(32, 96)',
      '3.13': '(32, 96)',
    };
    for (const python of PROFILES)
      expect(run(program, python), python).toEqual(['ok', `${expected[python]}\n`, '']);
  });

  it('keeps the frame limit when start() runs while tracing (measured on 3.8.18–3.13.0)', () => {
    const program = [
      'import tracemalloc',
      'tracemalloc.start()',
      'tracemalloc.start(5)',
      'print(tracemalloc.get_traceback_limit())',
      'tracemalloc.stop()',
      'tracemalloc.start(3)',
      'print(tracemalloc.get_traceback_limit())',
      'tracemalloc.stop()',
      'print(tracemalloc.get_traceback_limit())',
    ].join('\n');
    for (const python of PROFILES) expect(run(program, python)).toEqual(['ok', '1\n3\n3\n', '']);
  });

  it('raises AttributeError for reset_peak on 3.8 only', () => {
    const program = 'import tracemalloc\ntracemalloc.start()\ntracemalloc.reset_peak()\nprint(1)';
    expect(run(program, '3.8')[0]).toBe('error');
    expect(run(program, '3.8')[2]).toContain(
      "AttributeError: module 'tracemalloc' has no attribute 'reset_peak'",
    );
    expect(run(program, '3.9')).toEqual(['ok', '1\n', '']);
  });
});

describe('tracemalloc refusals', () => {
  const refused = (program: string, python: string, feature: string) => {
    const [outcome, , stderr] = run(program, python);
    expect(outcome).toBe('unsupported');
    expect(stderr).toMatch(/^p\.py:\d+:\d+: .* is not supported by pymem run\n$/);
    expect(stderr).toContain(feature);
  };

  it('refuses a measurement after print() while tracing', () => {
    const program =
      'import tracemalloc\ntracemalloc.start()\nprint(1)\nprint(tracemalloc.get_traced_memory())';
    for (const python of PROFILES) refused(program, python, 'after print()');
  });

  it('refuses a measurement after a module-level name is first bound while tracing', () => {
    const program =
      'import tracemalloc\nr = None\ntracemalloc.start()\nx = 1\nr = tracemalloc.get_traced_memory()';
    refused(program, '3.12', 'first bound');
  });

  it('refuses programs with constructs whose allocations were not measured', () => {
    const lines = ['def f():\n    pass', 'd = {}', 'y = 2 ** 3', 'z = sorted([1])', "s = f'{1}'"];
    for (const line of lines) {
      const program = `import tracemalloc\n${line}\nr = None\ntracemalloc.start()\nr = tracemalloc.get_traced_memory()`;
      refused(program, '3.11', 'in a program with');
    }
  });

  it('refuses get_tracemalloc_memory, take_snapshot and any measurement on 3.14', () => {
    refused('import tracemalloc\ntracemalloc.get_tracemalloc_memory()', '3.12', 'get_tracemalloc');
    refused('import tracemalloc\ntracemalloc.take_snapshot()', '3.12', 'take_snapshot');
    refused('import tracemalloc\ntracemalloc.get_traced_memory()', '3.14', '3.14');
  });
});

/** One allocator call: kind, slot, bytes. */
type Call = ['malloc' | 'realloc' | 'free', number, number];

/** The heap's event for one allocator call. */
function memoryCall(
  call: 'malloc' | 'realloc' | 'free',
  nbytes: number,
  address: number,
  previous: number,
): ObjectEvent {
  return { type: 'memory-call', domain: 'mem', call, nbytes, address, previous };
}

describe('TracedBlocks invariants', () => {
  it('keeps traced = Σ live traces and peak = the largest traced, over any calls', () => {
    const call: fc.Arbitrary<Call> = fc.tuple(
      fc.constantFrom('malloc' as const, 'realloc' as const, 'free' as const),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 5000 }),
    );
    fc.assert(
      fc.property(fc.array(call, { maxLength: 60 }), (calls) => {
        const blocks = new TracedBlocks(new Heap({ profile: '3.12' }));
        const live = new Map<number, number>();
        let peak = 0;
        for (const [kind, slot, bytes] of calls) {
          const address = slot * 4096;
          const event =
            kind === 'realloc'
              ? memoryCall('realloc', bytes, address + 4096 * 16, address)
              : memoryCall(kind, kind === 'free' ? 0 : bytes, address, 0);
          blocks.listen(event);
          if (kind === 'free') live.delete(address);
          else if (kind === 'malloc') live.set(address, bytes);
          else {
            live.delete(address);
            live.set(address + 4096 * 16, bytes);
          }
          const sum = [...live.values()].reduce((a, b) => a + b, 0);
          peak = Math.max(peak, sum);
          blocks.flush();
          expect(blocks.traced).toBe(sum);
          expect(blocks.peak).toBe(peak);
        }
        blocks.resetPeak();
        expect(blocks.peak).toBe(blocks.traced);
        blocks.clear();
        expect([blocks.traced, blocks.peak]).toEqual([0, 0]);
      }),
      { seed: 14, numRuns: 200 },
    );
  });
});
