/**
 * Heap snapshots of real processes, against the real collector: programs the model has
 * never seen (fast-check, fixed seed) build cycles of many kinds with automatic
 * collection off, age some of them with gc.collect(0) / gc.collect(1), call
 * `pymem_record.snapshot("s")` and print `gc.collect(G)`. Under every recorded
 * CPython (3.8–3.13; each missing one is reported as skipped, never passed):
 *   - the recorded program prints what it prints without pymem (a stub module), gc's
 *     counts and thresholds included, and no `__sizeof__` written in Python ran;
 *   - `pymem gc FILE --mark s --generation G --json` gives `unreachable` equal to what
 *     `gc.collect(G)` returned, and to the collection the recording itself logged;
 *   - `pymem objects FILE --mark s --json` links every object inside pymalloc's arenas
 *     to an allocated block of the allocator replayed to that instant (`unlinked: 0`);
 *   - `pymem why --type __main__.Leak` names the chain from the module global;
 *   - a text recording of the same program carries the snapshot too (H lines);
 *   - `pymem replay --verify` still passes: the walk's own allocator events replay.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { record } from '@pymem/recorder';
import { decodePmt } from '@pymem/tracing';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

const STUB = join(import.meta.dirname, 'support', 'pymem-record-stub');

const KINDS = [
  'list_self',
  'dict_self',
  'pair',
  'del_pair',
  'closure',
  'slots',
  'tuple_cycle',
  'weak_nocb',
  'weak_cb',
  'method',
  'survivor',
  'sized',
] as const;

type Step = { kind: (typeof KINDS)[number]; count: number } | { kind: 'age'; generation: 0 | 1 };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom(...KINDS), count: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant('age' as const),
    generation: fc.constantFrom(0 as const, 1 as const),
  }),
);
const programs = fc.record({
  steps: fc.array(step, { minLength: 3, maxLength: 10 }),
  generation: fc.constantFrom(0, 1, 2),
});

function render(steps: readonly Step[], generation: number): string {
  const lines = [
    'import gc, weakref, pymem_record',
    'gc.disable()',
    'keep = []',
    'class Node:',
    '    def hello(self): pass',
    'class Fin:',
    '    def __del__(self): pass',
    'class Slot:',
    "    __slots__ = ('other', '__weakref__')",
    'class Sized:',
    "    def __sizeof__(self): print('__sizeof__ ran'); return 1",
    'class Leak: pass',
    "registry = {'cache': [None, None, None, Leak()]}",
    'def cb(ref): pass',
    'def make(kind, n):',
    '    for _ in range(n):',
    "        if kind == 'list_self': l = []; l.append(l)",
    "        elif kind == 'dict_self': d = {}; d['d'] = d",
    "        elif kind == 'pair': a = Node(); b = Node(); a.o = b; b.o = a",
    "        elif kind == 'del_pair': a = Fin(); b = Fin(); a.o = b; b.o = a",
    "        elif kind == 'closure':",
    '            def f(): return f',
    "        elif kind == 'slots': s = Slot(); s.other = s",
    "        elif kind == 'tuple_cycle': l = []; t = (l, 1); l.append(t)",
    "        elif kind == 'weak_nocb': a = Node(); a.me = a; keep.append(weakref.ref(a))",
    "        elif kind == 'weak_cb': a = Node(); a.me = a; keep.append(weakref.ref(a, cb))",
    "        elif kind == 'method': a = Node(); a.m = a.hello",
    "        elif kind == 'survivor': a = Node(); a.me = a; keep.append(a)",
    "        elif kind == 'sized': a = Sized(); a.me = a",
  ];
  lines.push('held = Sized(); held.me = held'); // in every snapshot: its __sizeof__ must not run
  for (const s of steps)
    lines.push(s.kind === 'age' ? `gc.collect(${s.generation})` : `make('${s.kind}', ${s.count})`);
  lines.push(
    'before = gc.get_count()',
    "pymem_record.snapshot('s')",
    'print(gc.get_count() == before, gc.get_threshold(), gc.isenabled())',
    `print(gc.collect(${generation}))`,
  );
  return `${lines.join('\n')}\n`;
}

for (const profile of RECORDED_PROFILE_NAMES) {
  const python = liveInterpreterFor(profile, 'heap snapshots and pymem gc');
  describe.skipIf(!python)(`heap snapshots under CPython ${profile}`, () => {
    it('pymem gc gives what gc.collect(G) returns, and the program runs as without pymem', async () => {
      const samples = fc.sample(programs, { numRuns: 4, seed: 0x5eed + profile.length });
      const dir = mkdtempSync(join(tmpdir(), 'pymem-snapshot-'));
      const found: number[] = [];
      for (const [n, { steps, generation }] of samples.entries()) {
        const script = join(dir, `prog${n}.py`);
        writeFileSync(script, render(steps, generation));
        const plain = spawnSync(python!.path, [script], {
          encoding: 'utf8',
          env: { ...process.env, PYTHONPATH: STUB },
        });
        expect(plain.stderr).toBe('');
        const output = join(dir, `prog${n}.pmt`);
        const run = await record({
          interpreter: python!,
          args: [script],
          output,
          format: 'pmt',
          stdio: 'pipe',
        });
        expect(run.stderr).toBe('');
        expect(run.stdout, script).toBe(plain.stdout);
        const returned = Number(plain.stdout.trim().split('\n').at(-1));
        found.push(returned);

        const gc = await runCli([
          'gc',
          output,
          '--mark',
          's',
          '--generation',
          `${generation}`,
          '--json',
        ]);
        expect(gc.status, gc.stderr).toBe(0);
        const report = JSON.parse(gc.stdout);
        expect(report.unreachable, script).toBe(returned);
        expect(report.collected + report.uncollectable).toBe(returned);

        const trace = decodePmt(new Uint8Array(readFileSync(output))).trace;
        const logged = trace.gcCollections.filter((c) => c.eventIndex >= report.eventIndex)[0]!;
        expect(logged.generation).toBe(generation);
        expect(logged.collected + logged.uncollectable).toBe(returned);

        const objects = await runCli(['objects', output, '--mark', 's', '--json']);
        expect(objects.status, objects.stderr).toBe(0);
        const linking = JSON.parse(objects.stdout);
        expect(linking.unlinked, linking.unlinkedAddresses.join(' ')).toBe(0);
        expect(linking.objects).toBe(report.objects);
        expect(linking.linked + linking.outside).toBe(linking.objects);
        expect(linking.linked).toBeGreaterThan(linking.outside);

        const why = await runCli(['why', output, '--mark', 's', '--type', '__main__.Leak']);
        expect(why.stdout.split('\n')[1]).toMatch(
          /^ {2}module __main__\.__dict__ → dict\['registry'\] → dict\['cache'\] → list\[3\] → __main__\.Leak at 0x[0-9a-f]+$/,
        );

        if (n === 0) {
          // A text recording carries the same snapshot (H lines).
          const text = join(dir, `prog${n}.pymem.txt`);
          const again = await record({
            interpreter: python!,
            args: [script],
            output: text,
            format: 'text',
            stdio: 'pipe',
          });
          expect(again.stdout).toBe(plain.stdout);
          const fromText = await runCli([
            'gc',
            text,
            '--mark',
            's',
            '--generation',
            `${generation}`,
            '--json',
          ]);
          expect(fromText.status, fromText.stderr).toBe(0);
          expect(JSON.parse(fromText.stdout).unreachable).toBe(returned);
        }

        const replay = await runCli(['replay', output, '--verify']);
        expect(replay.status, replay.stderr).toBe(0);
      }
      // The programs leave garbage for some collection to find (not all zeros).
      expect(
        found.some((n) => n > 0),
        `gc.collect returned ${found.join(', ')}`,
      ).toBe(true);
    }, 120_000);

    it('takes a heap snapshot at the mark "exit" with --snapshot-at-exit', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pymem-snapshot-'));
      const output = join(dir, 'exit.pmt');
      const code = 'class Node: pass\nkeep = Node(); keep.me = keep\nprint("done")';
      const run = await record({
        interpreter: python!,
        args: ['-c', code],
        output,
        format: 'pmt',
        stdio: 'pipe',
        snapshotAtExit: true,
      });
      expect(run.stdout).toBe('done\n');
      const trace = decodePmt(new Uint8Array(readFileSync(output))).trace;
      const exit = trace.marks.find((mark) => mark.label === 'exit')!;
      const [snapshot] = trace.heapSnapshots ?? [];
      expect(snapshot).toMatchObject({
        label: 'exit',
        complete: true,
        eventIndex: exit.eventIndex,
      });
      const names = new Set(snapshot!.types.map((t) => `${t.module}.${t.qualname}`));
      expect(names.has('__main__.Node')).toBe(true);
    });
  });
}
