/**
 * `pymem record` end to end on real CPython 3.8 … 3.13: the must-haves of the
 * recorder — .pmt recordings that verify, survive os._exit and SIGKILL, carry GC
 * collections and allocation sites that agree with tracemalloc, and clear errors.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Interpreter, liveInterpreterFor } from '@pymem/cpython';
import { buildLauncher, findPythonConfig, RecorderError, record } from '@pymem/recorder';
import { Replayer, takeSnapshot } from '@pymem/runtime';
import { Domain, decodePmt, Op, type Trace } from '@pymem/tracing';
import { readTraceFile } from '@pymem/tracing/node';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { recordScript } from './support/fixtures.ts';
import { recordKilled } from './support/killed-recording.ts';
import { runCli } from './support/run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pymem-recorder-'));
const programs = join(import.meta.dirname, 'programs');
const INDEPENDENT = join(import.meta.dirname, 'independent', 'pymalloc_model.py');

const NEVER_SEEN = `import os, pymem_record
table = {("k%d" % i): [i] * (i % 9) for i in range(15000)}
text = "".join(str(v) for v in range(3000))
pymem_record.mark("built")
for key in list(table)[::2]:
    del table[key]
pymem_record.mark("halved")
os._exit(0)
`;

/*
 * Raw-domain calls: a list growing past 512 bytes (PyMem_Realloc; pymalloc hands it
 * to PyMem_RawRealloc) and zlib's working memory (zlib.compress: PyZlib_Malloc calls
 * PyMem_RawMalloc directly).
 */
const RAW_CALLS = `import zlib, pymem_record
pymem_record.mark("a")
numbers = [str(i) for i in range(20000)]
pymem_record.mark("b")
packed = zlib.compress(bytes(100000))
pymem_record.mark("c")
`;

/** The raw-domain events from mark `from` to mark `to`, and the mem/obj ones over 512 bytes. */
function between(trace: Trace, from: string, to: string) {
  const start = trace.marks.find((mark) => mark.label === from)!.eventIndex;
  const end = trace.marks.find((mark) => mark.label === to)!.eventIndex;
  const raw: { op: number; address: number }[] = [];
  let large = 0;
  for (let i = start; i < end; i++) {
    const op = trace.op[i]!;
    if (op === Op.arenaAlloc || op === Op.arenaFree) continue;
    if (trace.domain[i] === Domain.raw) {
      raw.push({
        op,
        address: op === Op.realloc ? trace.c[i]! : op === Op.free ? trace.a[i]! : trace.b[i]!,
      });
    } else if ((op === Op.realloc ? trace.b[i]! : trace.a[i]!) > 512 && op !== Op.free) large++;
  }
  return { raw, large };
}

for (const profile of RECORDED_PROFILE_NAMES) {
  const python = liveInterpreterFor(profile, 'pymem record');
  describe.skipIf(!python)(`pymem record on CPython ${profile}`, () => {
    it('records a program it has never seen; the .pmt verifies and its text replays on an independent model', async () => {
      const script = join(scratch, `never-seen-${profile}.py`);
      writeFileSync(script, NEVER_SEEN);
      const output = join(scratch, `t-${profile}.pmt`);
      const recorded = await runCli(['record', '--python', python!.path, '-o', output, script]);
      expect(recorded.status).toBe(0);
      const replayed = await runCli(['replay', output, '--verify']);
      expect(replayed.stderr).toBe('');
      expect(replayed.stdout).toMatch(/and 2 marks of statistics match CPython exactly/);
      const text = join(scratch, `t-${profile}.pymem.txt`);
      expect((await runCli(['convert', output, '--to', 'text', '-o', text])).status).toBe(0);
      if (existsSync(INDEPENDENT)) {
        const independent = spawnSync(python!.path, [INDEPENDENT, text], { encoding: 'utf8' });
        expect(independent.stdout + independent.stderr).toMatch(/0 mismatches/);
        expect(independent.status).toBe(0);
      }
    });

    it('records each GC collection with what gc.collect() returned', async () => {
      const output = join(scratch, `gc-${profile}.pmt`);
      const result = await record({
        interpreter: python!,
        args: ['-I', '-S', join(programs, 'gc_counts.py')],
        output,
        format: 'pmt',
        stdio: 'pipe',
      });
      expect(result.status).toBe(0);
      const returned = result.stdout.trim().split(' ').map(Number);
      const { trace } = await readTraceFile(output);
      const full = trace.gcCollections.filter((collection) => collection.generation === 2);
      expect(full.slice(-returned.length).map((collection) => collection.collected)).toEqual(
        returned,
      );
      expect(returned.every((count) => count > 0)).toBe(true);
    });

    it("records the raw domain's own calls, not pymalloc's calls into it, nor tracemalloc's tables", async () => {
      const script = join(scratch, `raw-calls-${profile}.py`);
      writeFileSync(script, RAW_CALLS);
      for (const tracemalloc of [false, true]) {
        const { trace } = decodePmt(await recordScript(python!, script, { tracemalloc }));
        const growing = between(trace, 'a', 'b');
        expect(growing.large, 'mem/obj requests over 512 bytes').toBeGreaterThan(0);
        expect(growing.raw, 'pymalloc served them: no raw event of its own').toEqual([]);
        const compressing = between(trace, 'b', 'c');
        const allocated = compressing.raw.filter((event) => event.op !== Op.free);
        expect(allocated.length, "zlib's PyMem_RawMalloc calls").toBeGreaterThan(0);
        const freed = new Set(
          compressing.raw.filter((event) => event.op === Op.free).map((event) => event.address),
        );
        expect(allocated.every((event) => freed.has(event.address))).toBe(true);
        const replayer = new Replayer(trace, { verify: true });
        replayer.runToEnd();
        expect(replayer.counts.divergences).toBe(0);
      }
    });

    it("attributes allocations to the same lines as tracemalloc's own statistics", async () => {
      const { trace } = decodePmt(
        await recordScript(python!, join(programs, 'tracemalloc_truth.py'), {
          sites: 1,
          tracemalloc: true,
        }),
      );
      const mark = trace.marks.find((candidate) => candidate.label === 'made')!;
      const replayer = new Replayer(trace, { trackBlocks: true });
      replayer.runTo(mark.eventIndex);
      const ours = takeSnapshot(replayer)
        .statistics('lineno')
        .map((stat) => stat.toString());
      const theirs = mark.tracemalloc.trimEnd().split('\n');
      for (const line of [15, 17]) {
        const pattern = new RegExp(`tracemalloc_truth\\.py:${line}: `);
        const expected = theirs.find((entry) => pattern.test(entry));
        expect(expected, `tracemalloc reported line ${line}`).toBeDefined();
        expect(ours.find((entry) => pattern.test(entry))).toBe(expected);
      }
    });
  });
}

describe('a recording cut short', () => {
  const python = liveInterpreterFor('3.12', 'SIGKILL recording');
  it.skipIf(!python)(
    'replays up to its last complete chunk, with a warning, when the program was killed',
    async () => {
      const output = join(scratch, 'killed.pmt');
      await recordKilled(python!, output);
      const loaded = await readTraceFile(output);
      expect(loaded.warnings.join('\n')).toMatch(/no index/);
      expect(loaded.trace.length).toBeGreaterThan(65_536);
      const replayed = await runCli(['replay', output, '--verify']);
      expect(replayed.status).toBe(0);
      expect(replayed.stderr).toMatch(/^pymem: warning: .*killed\.pmt: .*did not close cleanly/m);
      expect(replayed.stdout).toMatch(/and 1 mark of statistics match/);
    },
  );
});

describe('recorder errors', () => {
  const python = liveInterpreterFor('3.11', 'recorder errors');
  it.skipIf(!python)('names the compiler to install when none is on PATH', () => {
    const empty = mkdtempSync(join(tmpdir(), 'pymem-nocc-'));
    expect(() =>
      buildLauncher(python!, { ...process.env, PATH: empty, PYMEM_CACHE_DIR: empty }),
    ).toThrow(/no C compiler found to build the recorder: install gcc/);
  });

  it('names the headers to install when python3.X-config is missing', () => {
    const fake: Interpreter = {
      path: join(scratch, 'bin', 'python3.11'),
      version: '3.11.9',
      profile: '3.11',
      implementation: 'cpython',
      source: 'explicit',
      prefix: join(scratch, 'nowhere'),
      pointerSize: 8,
    };
    expect(() => findPythonConfig(fake)).toThrow(RecorderError);
    expect(() => findPythonConfig(fake)).toThrow(
      /install its headers \(Debian: apt-get install python3\.11-dev/,
    );
  });
});
