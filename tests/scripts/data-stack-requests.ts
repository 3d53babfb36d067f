/**
 * The data-stack chunk calls of tests/programs/data_stack.py (3.11+): per section, the
 * arena-allocator calls that are not pymalloc arenas (`A 16384`, `F 16384`, …), from
 * a `pymem record` text recording, and the same sections on the model.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Interpreter, runProbe } from '@pymem/cpython';
import { Heap } from '@pymem/objects';
import { OBMALLOC_CONSTANTS } from '@pymem/obmalloc';
import type { ProfileName } from '@pymem/versions';
import { recordObjectRequests } from './record-objects-fixtures.ts';

/** The recorded program. */
export const DATA_STACK_PROGRAM: string = new URL('../programs/data_stack.py', import.meta.url)
  .pathname;

/** The source the program's exec builds `huge` from: 2,090 locals. */
const HUGE_SOURCE = `def huge():\n    ${Array.from({ length: 2090 }, (_, i) => `v${i} = 0`).join('; ')}\n`;

/** Iterations of the calibrating loop (`for k in range(250): f0(k)`). */
const CALIBRATE_CALLS = 250;

/** What one interpreter did. */
export interface DataStackRecording {
  /** Shapes (co_nlocals, cells, frees, co_stacksize, co_flags) of f0 and huge. */
  readonly functions: Record<string, [number, number, number, number, number]>;
  /** Per section, its chunk calls: `A <bytes>` or `F <bytes>`. */
  readonly sections: Record<string, string[]>;
}

/** The chunk calls of each section of a text recording (pymalloc's own arenas left out). */
export function chunkSections(text: string, arenaSize: number): Record<string, string[]> {
  const sections: Record<string, string[]> = {};
  let label: string | null = null;
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f[0] === 'S') {
      label = f.slice(1).join(' ');
      sections[label] = [];
    } else if (label !== null && (f[0] === 'A' || f[0] === 'F')) {
      const bytes = Number(f[0] === 'A' ? f[1] : f[2]);
      if (bytes !== arenaSize) sections[label]!.push(`${f[0]} ${bytes}`);
    }
  }
  delete sections.end;
  delete sections.exit;
  return sections;
}

/** Records the program on `interpreter`. */
export async function recordDataStack(
  interpreter: Interpreter,
  profile: ProfileName,
): Promise<DataStackRecording> {
  const shapesOf = (file: string) =>
    runProbe<{ functions: DataStackRecording['functions'] }>(
      interpreter.path,
      join(import.meta.dirname, 'code_shapes.py'),
      { args: [file] },
    ).functions;
  // `huge` is made by exec in the program: its source, written out, for its shape.
  const huge = join(tmpdir(), `pymem-huge-${process.pid}.py`);
  writeFileSync(huge, HUGE_SOURCE);
  const functions = { f0: shapesOf(DATA_STACK_PROGRAM).f0!, huge: shapesOf(huge).huge! };
  const text = await recordObjectRequests(interpreter, DATA_STACK_PROGRAM);
  return {
    functions,
    sections: chunkSections(text, OBMALLOC_CONSTANTS[profile].arenaSize),
  };
}

/**
 * The root chunk's free words at the calibrating loop, from its recording: the first
 * iteration that needs a chunk tells how many f0 frames fit (any value in that
 * frame's range behaves the same for f0).
 */
export function calibratedFreeWords(heap: Heap, recording: DataStackRecording): number {
  const overflowing = recording.sections.calibrate!.filter((c) => c.startsWith('A')).length;
  const fit = CALIBRATE_CALLS - overflowing;
  return fit * f0Size(heap, recording) + 1;
}

function f0Size(heap: Heap, recording: DataStackRecording): number {
  const [nlocals, ncells, nfrees, stacksize] = recording.functions.f0!;
  // The _PyInterpreterFrame specials: 9 words on 3.11–3.13, 10 on 3.14.
  const specials = heap.layout.minor >= 14 ? 10 : 9;
  return specials + nlocals + ncells + nfrees + stacksize;
}

/**
 * Runs the program's sections on the model — calibrated from `recording`, or with the
 * heap's default root-chunk space — and returns the chunk calls per section.
 */
export function runDataStackSections(
  profile: ProfileName,
  recording: DataStackRecording,
  calibrated = true,
): Record<string, string[]> {
  const probe = new Heap({ profile });
  const heap = calibrated
    ? new Heap({ profile, dataStackFreeWords: calibratedFreeWords(probe, recording) })
    : probe;
  const code = (name: string) => {
    const [nlocals, ncells, nfrees, stacksize, flags] = recording.functions[name]!;
    return heap.newCode({ nlocals, ncells, nfrees, stacksize, flags });
  };
  const f0 = code('f0');
  const huge = code('huge');
  const calls = (target: typeof f0, depth: number): void => {
    for (let i = 0; i < depth; i++) heap.callFunction(target, [heap.none]);
    for (let i = 0; i < depth; i++) heap.returnFromFunction();
  };
  const sections: Record<string, string[]> = {};
  let current: string[] = [];
  heap.dataStack!.onChunk = ({ call, nbytes }) =>
    current.push(`${call === 'alloc' ? 'A' : 'F'} ${nbytes}`);
  const run = (label: string, body: () => void): void => {
    current = [];
    body();
    sections[label] = current;
  };
  run('calibrate', () => {
    for (let k = 0; k < CALIBRATE_CALLS; k++) calls(f0, k + 1);
  });
  run('deep', () => calls(f0, 901));
  run('huge', () => {
    heap.callFunction(huge);
    heap.returnFromFunction();
  });
  run('deep-again', () => calls(f0, 401));
  return sections;
}

/** Where the fixture lives: per release, its {@link DataStackRecording}. */
export const DATA_STACK_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'objects',
  'data-stack.json',
);

/** Reads the committed fixture. */
export function readDataStackFixture(): Record<string, DataStackRecording> {
  return JSON.parse(readFileSync(DATA_STACK_FIXTURE, 'utf8')) as Record<string, DataStackRecording>;
}
