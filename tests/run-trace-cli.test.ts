/**
 * `pymem run --trace FILE [--steps]` as a user meets it: the run written as a trace
 * that `pymem replay --verify` reproduces, that `report` reads (and stops at a step
 * mark), `.pmt` and text agreeing byte for byte after `convert`, one mark `line N` per
 * line `sys.settrace` reports under real CPython (the recorded fixture, and live), and
 * the errors: `--steps` alone, an existing file, a refused run.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { readTraceFile } from '@pymem/tracing/node';
import { describe, expect, it } from 'vitest';
import { lineTraceWithCPython, readLineTraceFixture } from './scripts/record-line-trace-fixture.ts';
import { RUN_PROGRAM_DIRS, readRunFixture } from './scripts/record-run-fixtures.ts';
import { runCli } from './support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'pymem-run-trace-'));
const PROGRAM = 'py314_line_events.py';
const program = join(RUN_PROGRAM_DIRS.run, PROGRAM);
const GC_PROGRAM = 'gc_two_list_cycle.py';
const gcProgram = join(RUN_PROGRAM_DIRS.run, GC_PROGRAM);
const lineFixture = readLineTraceFixture();
const runFixture = readRunFixture();

/** The labels of a trace's marks, in order. */
async function markLabels(path: string): Promise<string[]> {
  const { trace } = await readTraceFile(path);
  return trace.marks.map((m) => m.label);
}

describe('pymem run --trace', () => {
  it('writes a trace that replay --verify reproduces, with the program output unchanged', async () => {
    for (const [python, version] of [
      ['3.8', '3.8.18'],
      ['3.13', '3.13.0'],
    ] as const) {
      const path = join(dir, `run-${python}.pymem.txt`);
      const run = await runCli(['run', '--python', python, '--trace', path, gcProgram]);
      const truth = runFixture[`run/${GC_PROGRAM}`]!.find((o) => o.versions.includes(version))!;
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(truth.stdout);
      expect(run.stderr).toMatch(/^pymem: wrote [\d,]+ events to .*; check it with: pymem replay/);
      const { trace } = await readTraceFile(path);
      // The collector's records are there: the program collects a cycle of two lists.
      expect(trace.gcCollections.length).toBeGreaterThan(0);
      expect(trace.collectorRecords.some((r) => r.kind === 'phase')).toBe(true);
      expect(trace.objectRecords.some((r) => r.kind === 'new')).toBe(true);
      expect(trace.marks.map((m) => m.label)).toEqual(['exit']);
      const replay = await runCli(['replay', path, '--verify']);
      expect(replay.status).toBe(0);
      expect(replay.stdout).toContain('1 mark of statistics match');
      const report = await runCli(['report', path]);
      expect(report.status).toBe(0);
      expect(report.stdout).toContain('at        mark "exit"');
    }
  });

  it('writes .pmt and text that agree byte for byte (convert)', async () => {
    const text = join(dir, 'steps.pymem.txt');
    const pmt = join(dir, 'steps.pmt');
    expect((await runCli(['run', '--trace', text, '--steps', program])).status).toBe(0);
    expect((await runCli(['run', '--trace', pmt, '--steps', program])).status).toBe(0);
    expect(readFileSync(pmt).equals(readFileSync(text))).toBe(false);
    const back = join(dir, 'steps-back.pymem.txt');
    expect((await runCli(['convert', pmt, '--to', 'text', '-o', back])).status).toBe(0);
    expect(readFileSync(back, 'utf8')).toBe(readFileSync(text, 'utf8'));
    expect((await runCli(['replay', pmt, '--verify'])).status).toBe(0);
    expect((await runCli(['check', pmt])).status).toBe(0);
  });

  for (const [python, version] of [
    ['3.9', '3.9.18'],
    ['3.12', '3.12.1'],
  ] as const) {
    it(`--steps marks each line sys.settrace reports (${python}, recorded and live)`, async () => {
      const path = join(dir, `steps-${python}.pmt`);
      const run = await runCli(['run', '--python', python, '--trace', path, '--steps', program]);
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/and [\d,]+ line marks to/);
      const labels = await markLabels(path);
      expect(labels.at(-1)).toBe('exit');
      const truth = lineFixture[`run/${PROGRAM}`]!.find((e) => e.versions.includes(version))!;
      expect(labels.slice(0, -1)).toEqual(truth.lines!.map((n) => `line ${n}`));
      const interpreter = liveInterpreterFor(python, 'pymem run --steps marks');
      if (interpreter !== null) {
        const live = await lineTraceWithCPython(interpreter, RUN_PROGRAM_DIRS.run, PROGRAM);
        expect(labels.slice(0, -1)).toEqual(live.map((n) => `line ${n}`));
      }
      // A step mark is a point the other commands can stop at.
      const report = await runCli(['report', path, '--mark', 'line 16']);
      expect(report.status).toBe(0);
      expect(report.stdout).toContain('at        mark "line 16"');
      expect((await runCli(['replay', path, '--verify'])).status).toBe(0);
    });
  }

  it('ends in a heap snapshot "exit" that objects and gc read: the cycle the program leaves', async () => {
    // The program leaves a cycle of two lists behind with collection disabled; the same
    // program ending in print(gc.collect()) prints what CPython prints (2: the
    // differential proves gc.collect() per program), and `pymem gc` must find as much.
    const body =
      'import gc\ngc.disable()\na = []\nb = [a, (1, 2)]\na.append(b)\nkeep = [3]\ndel a, b\n';
    const leaves = script('leaves.py', body);
    const counts = script('counts.py', `${body}print(gc.collect())\n`);
    const printed = await runCli(['run', counts]);
    expect(printed).toMatchObject({ status: 0, stdout: '2\n' });
    const path = join(dir, 'leaves.pmt');
    expect((await runCli(['run', '--trace', path, leaves])).status).toBe(0);
    const gc = await runCli(['gc', path]);
    expect(gc.status).toBe(0);
    expect(gc.stdout).toContain('gc.collect(2) would return 2: 2 collected');
    const objects = await runCli(['objects', path, '--json']);
    expect(objects.status).toBe(0);
    const types = JSON.stringify(JSON.parse(objects.stdout));
    for (const name of ['"list"', '"tuple"']) expect(types).toContain(name);
    expect((await runCli(['replay', path, '--verify'])).status).toBe(0);
  });

  it('keeps the marks of a program that ends in a Python error, and writes its trace', async () => {
    const path = script('boom.py', 'x = [1]\ny = (x, x)\nprint(x[5])\nprint(2)\n');
    const trace = join(dir, 'boom.pymem.txt');
    const run = await runCli(['run', '--trace', trace, '--steps', path]);
    expect(run.status).toBe(1);
    expect(await markLabels(trace)).toEqual(['line 1', 'line 2', 'line 3', 'exit']);
    expect((await runCli(['replay', trace, '--verify'])).status).toBe(0);
  });

  it('refuses --steps without --trace, and a --trace of "-", with one line and exit 1', async () => {
    for (const args of [
      ['run', '--steps', program],
      ['run', '--trace', '-', program],
    ]) {
      const run = await runCli(args);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('never replaces an existing file (the script itself included): exit 2, nothing run', async () => {
    const existing = script('kept.pymem.txt', 'precious\n');
    const self = script('self.py', 'print(1)\n');
    for (const [target, path] of [
      [existing, program],
      [self, self],
    ] as const) {
      const before = readFileSync(target, 'utf8');
      const run = await runCli(['run', '--trace', target, path]);
      expect(run).toEqual({
        status: 2,
        stdout: '',
        stderr: `pymem: ${target} exists already: pymem run does not replace it\n`,
      });
      expect(readFileSync(target, 'utf8')).toBe(before);
    }
  });

  it('writes nothing for a refused run (exit 2)', async () => {
    const path = script('refused.py', 'x = [1]\nimport json\n');
    const trace = join(dir, 'refused.pmt');
    const run = await runCli(['run', '--trace', trace, path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not supported by pymem run');
    expect(run.stderr).toContain(`nothing written to ${trace}`);
    expect(existsSync(trace)).toBe(false);
  });
});

function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
