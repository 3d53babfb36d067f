import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeInterpreter, findInterpreters } from './find-interpreters.ts';
import { liveInterpreters } from './live.ts';
import { ProbeError, runProbe } from './run-probe.ts';

const probe = join(import.meta.dirname, '__fixtures__', 'probe-hello.py');

describe('findInterpreters', () => {
  it('finds nothing in an empty environment', () => {
    const empty = mkdtempSync(join(tmpdir(), 'pymem-empty-'));
    expect(findInterpreters({ env: { PATH: empty, HOME: empty } })).toEqual([]);
  });

  it('leaves out candidates that do not run or are not CPython', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymem-fake-'));
    const fake = join(dir, 'python3.11');
    writeFileSync(fake, '#!/bin/sh\necho \'{"version":"3.11.0","implementation":"pypy"}\'\n');
    chmodSync(fake, 0o755);
    expect(describeInterpreter(fake)).toBeNull();
    expect(describeInterpreter(join(dir, 'missing'))).toBeNull();
    expect(findInterpreters({ env: { PATH: dir, HOME: dir, PYMEM_PYTHONS: fake } })).toEqual([]);
  });

  it('describes every interpreter it finds by running it', () => {
    const found = liveInterpreters();
    if (found.length === 0) {
      process.stderr.write('\n*** LIVE CHECK SKIPPED: no CPython interpreter found at all.\n\n');
    }
    for (const interpreter of found) {
      expect(interpreter.implementation).toBe('cpython');
      expect(interpreter.version).toMatch(/^3\.\d+\.\d+$/);
      if (interpreter.source === 'pyenv') {
        expect(interpreter.path).toContain(interpreter.version);
      }
    }
    const paths = found.map((interpreter) => interpreter.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('runProbe', () => {
  const python = liveInterpreters()[0];
  it.skipIf(!python)('parses the JSON on the last stdout line', () => {
    const result = runProbe<{ args: string[]; version: number[] }>(python!.path, probe, {
      args: ['a', 'b'],
    });
    expect(result.args).toEqual(['a', 'b']);
    expect(result.version.join('.')).toBe(python!.version.split('.').slice(0, 2).join('.'));
  });

  it.skipIf(!python)('throws ProbeError with the exit status when the script fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymem-probe-'));
    const bad = join(dir, 'bad.py');
    writeFileSync(bad, 'raise SystemExit(3)\n');
    expect(() => runProbe(python!.path, bad)).toThrow(ProbeError);
    expect(() => runProbe(python!.path, bad)).toThrow(/exited 3/);
  });
});
