/**
 * The interned dict growing, CPython versus the model (tests/programs/intern_growth.py:
 * 40,000 new strs interned, three in four dropped, 20,000 more).
 *
 * From a recording: each str is made by '%' formatting, whose last call is one
 * PyObject_Realloc, so the n-th realloc of the section marks str n − 1. A resize of the
 * interned dict is a malloc of a keys table's size followed by the free of the table
 * before it. The table's state when the section starts is not visible from Python; it
 * is read off the first two resizes (the first comes when the start-up table's usable
 * entries run out: usable = its str number; the second when the new table's do:
 * used = USABLE_FRACTION(its size) − the second's str number) and the start-up table's
 * own block. Every later resize — when, how big, what it frees — is the model's
 * prediction, as are the sizes of the first two. `pnpm --filter @pymem/tests
 * interned-fixture` records tests/fixtures/objects/interned.json on 3.8 … 3.13.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Interpreter, liveInterpreters } from '@pymem/cpython';
import {
  dictKeysBytes,
  Heap,
  type InternedDictState,
  objectLayout,
  usableFraction,
} from '@pymem/objects';
import { record } from '@pymem/recorder';
import { PROFILES, type ProfileName, RECORDED_PROFILE_NAMES } from '@pymem/versions';

/** The recorded program. */
export const INTERN_GROWTH_PROGRAM: string = new URL(
  '../programs/intern_growth.py',
  import.meta.url,
).pathname;

/** What a run shows: the start-up table's state and the resizes, `<str> m <bytes>` / `<str> f #<table>`. */
export interface InternedGrowth {
  /** The interned dict when the section starts. */
  readonly startup: InternedDictState;
  /** Resizes in order: the new table's malloc, the old table's free (#0: the start-up table). */
  readonly events: readonly string[];
}

/** log2 sizes a keys table of `nbytes` can have (3.11+: the interned dict's tables are all-str). */
function keysLog2(profile: ProfileName, nbytes: number): number | undefined {
  const layout = objectLayout(profile, 8);
  const minor = Number(profile.split('.')[1]);
  for (let log2 = 3; log2 < 28; log2++) {
    if (dictKeysBytes(layout, log2, minor >= 11) === nbytes) return log2;
  }
  return undefined;
}

/** Reads the resizes of the interned dict out of a text recording of intern_growth.py. */
export function recordedGrowth(profile: ProfileName, text: string): InternedGrowth {
  const sizes = new Map<number, number>(); // address → bytes, for the start-up table
  const tables: number[] = [];
  const events: string[] = [];
  const resizes: { str: number; log2: number }[] = [];
  let inSection = false;
  let strs = 0;
  let startupLog2: number | undefined;
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f[0] === 'S') {
      inSection = f[1] === 'intern';
      continue;
    }
    if (f[0] === 'm' || f[0] === 'c') sizes.set(Number.parseInt(f[3]!, 16), Number(f[2]));
    if (f[0] === 'r') sizes.set(Number.parseInt(f[4]!, 16), Number(f[3]));
    if (!inSection) continue;
    if (f[0] === 'r') strs++;
    if (f[0] === 'm') {
      const log2 = keysLog2(profile, Number(f[2]));
      if (log2 === undefined || log2 < 10) continue;
      tables.push(Number.parseInt(f[3]!, 16));
      resizes.push({ str: strs - 1, log2 });
      events.push(`${strs - 1} m ${f[2]}`);
    }
    if (f[0] === 'f') {
      const address = Number.parseInt(f[2]!, 16);
      const previous = resizes.length - 1;
      if (previous === 0 && !tables.includes(address) && events.length === 1) {
        // The start-up table, freed by the first resize.
        const log2 = keysLog2(profile, sizes.get(address) ?? -1);
        if (log2 !== undefined) {
          startupLog2 = log2;
          tables.unshift(address);
          events.push(`${strs - 1} f #0`);
        }
        continue;
      }
      const table = tables.indexOf(address);
      if (table >= 0) events.push(`${strs - 1} f #${table}`);
    }
  }
  const [first, second] = resizes;
  if (first === undefined || second === undefined || startupLog2 === undefined)
    throw new Error('the recording shows fewer than two resizes of the interned dict');
  return {
    startup: {
      log2Size: startupLog2,
      used: usableFraction(2 ** first.log2) - second.str,
      usable: first.str,
    },
    events,
  };
}

/** The model running intern_growth.py's section from `startup`: its resizes, as recordedGrowth lists them. */
export function modelGrowth(profile: ProfileName, startup: InternedDictState): string[] {
  const heap = new Heap({ profile });
  heap.setInternedDict(startup);
  const events: string[] = [];
  const tables: number[] = [0];
  let str = -1;
  heap.hook = (event) => {
    if (event.type !== 'memory-call') return;
    if (event.call === 'malloc' && event.nbytes >= 4096) {
      tables.push(event.address);
      events.push(`${str} m ${event.nbytes}`);
    }
    if (event.call === 'free' && tables.includes(event.address))
      events.push(`${str} f #${tables.indexOf(event.address)}`);
  };
  const internNew = (text: string): number => {
    str++;
    const s = heap.newStr(text);
    const interned = heap.intern(s);
    heap.decref(s);
    return interned;
  };
  const names: number[] = [];
  for (let i = 0; i < 40000; i++) names.push(internNew(`pymem_${i}`));
  for (let i = 0; i < 40000; i++) if (i % 4) heap.decref(names[i]!);
  for (let i = 0; i < 20000; i++) internNew(`pymem_x${i}`);
  // The start-up table's free is not an allocator call of the model: as recorded.
  const first = events.findIndex((e) => e.includes(' m '));
  if (first >= 0) events.splice(first + 1, 0, `${events[first]!.split(' ')[0]} f #0`);
  return events;
}

/** Records intern_growth.py (text format, `-I -S`) and returns the trace text. */
export async function recordInternGrowth(
  interpreter: Interpreter,
  output: string,
): Promise<string> {
  const result = await record({
    interpreter,
    args: ['-I', '-S', INTERN_GROWTH_PROGRAM],
    output,
    stdio: 'pipe',
    format: 'text',
  });
  if (result.status !== 0)
    throw new Error(`intern_growth.py exited ${result.status}: ${result.stderr.slice(-300)}`);
  return readFileSync(output, 'utf8');
}

/** Where the fixture lives: per release, the start-up state and the resizes. */
export const INTERNED_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'objects',
  'interned.json',
);

async function main(): Promise<void> {
  const fixture: Record<string, InternedGrowth> = existsSync(INTERNED_FIXTURE)
    ? (JSON.parse(readFileSync(INTERNED_FIXTURE, 'utf8')) as Record<string, InternedGrowth>)
    : {};
  let missing = 0;
  for (const name of RECORDED_PROFILE_NAMES) {
    const release = PROFILES[name].referenceRelease;
    const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
    if (!interpreter) {
      console.error(`*** SKIPPED ${release}: not found; kept its previous entry if any`);
      missing++;
      continue;
    }
    const output = join(tmpdir(), `pymem-intern-growth-${process.pid}.txt`);
    fixture[release] = recordedGrowth(name, await recordInternGrowth(interpreter, output));
    rmSync(output, { force: true });
    console.log(`${release}: ${fixture[release]!.events.length / 2} resizes`);
  }
  writeFileSync(INTERNED_FIXTURE, `${JSON.stringify(fixture, null, 1)}\n`);
  console.log(`wrote ${INTERNED_FIXTURE}`);
  process.exitCode = missing > 0 ? 1 : 0;
}

if (process.argv[1] === import.meta.filename) await main();
