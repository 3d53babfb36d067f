/**
 * `pymem run` as a user meets it: the program's output on stdout, exit 0 / 1 / 2 with
 * one clear line on stderr, `--max-steps`, `--stats`, `--python` and `pymem help run`.
 * What the programs print is checked against CPython in run-differential.test.ts;
 * here the values come from the same recorded fixture.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_PROGRAM_DIRS, readRunFixture } from './scripts/record-run-fixtures.ts';
import { runCli } from './support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'pymem-run-'));
function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const fixture = readRunFixture();

describe('pymem run', () => {
  it('prints what CPython prints, per --python', async () => {
    const program = join(RUN_PROGRAM_DIRS.run, 'seed_process_request.py');
    for (const [python, version] of [
      ['3.8', '3.8.18'],
      ['3.13', '3.13.0'],
    ] as const) {
      const { status, stdout, stderr } = await runCli(['run', '--python', python, program]);
      const truth = fixture['run/seed_process_request.py']!.find((o) =>
        o.versions.includes(version),
      )!;
      expect({ status, stdout, stderr }).toEqual({ status: 0, stdout: truth.stdout, stderr: '' });
    }
  });

  it("ends a Python error with CPython's traceback and exit 1", async () => {
    const path = script('boom.py', 'x = [1]\nprint(x[0])\nprint(x[5])\n');
    const { status, stdout, stderr } = await runCli(['run', '--python', '3.10', path]);
    expect(status).toBe(1);
    expect(stdout).toBe('1\n');
    expect(stderr).toBe(
      `Traceback (most recent call last):\n  File "${path}", line 3, in <module>\n    print(x[5])\nIndexError: list index out of range\n`,
    );
  });

  it('draws 3.11+ traceback marks under the failing construct', async () => {
    const path = script('boom13.py', 'x = [1]\nprint(x[5])\n');
    const { status, stderr } = await runCli(['run', '--python', '3.13', path]);
    expect(status).toBe(1);
    expect(stderr).toBe(
      `Traceback (most recent call last):\n  File "${path}", line 2, in <module>\n    print(x[5])\n          ~^^^\nIndexError: list index out of range\n`,
    );
  });

  it('refuses what it does not model with one FILE:LINE:COL line and exit 2', async () => {
    const path = script('posonly.py', 'print(1)\ndef f(a, /, b):\n    return a\n');
    expect(await runCli(['run', path])).toEqual({
      status: 2,
      stdout: '',
      stderr: `${path}:2:11: positional-only parameters is not supported by pymem run\n`,
    });
    const numpy = script('np.py', 'import numpy as np\n');
    expect((await runCli(['run', numpy])).stderr).toBe(
      `${numpy}:1:1: import of module numpy (import numpy as np) is not supported by pymem run\n`,
    );
    const fastapi = script('api.py', 'from fastapi import FastAPI\napp = FastAPI()\n');
    expect(await runCli(['run', fastapi])).toEqual({
      status: 2,
      stdout: '',
      stderr: `${fastapi}:1:1: import of module fastapi (from fastapi import FastAPI) is not supported by pymem run\n`,
    });
  });

  it('stops a runaway loop at --max-steps with one line and exit 1', async () => {
    const path = script('forever.py', 'n = 0\nwhile True:\n    n += 1\n');
    expect(await runCli(['run', '--max-steps', '500', path])).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'pymem run: stopped after 500 steps (the --max-steps limit): the program may not end\n',
    });
  });

  it("--stats adds the model's pymalloc block on stderr, stdout untouched", async () => {
    const path = script(
      'stats.py',
      'l = []\ni = 0\nwhile i < 100:\n    l.append(i * 1000)\n    i += 1\nprint(len(l))\n',
    );
    const { status, stdout, stderr } = await runCli(['run', '--stats', '--python', '3.11', path]);
    expect(status).toBe(0);
    expect(stdout).toBe('100\n');
    expect(stderr).toMatch(/^Small block threshold = 512, in 32 size classes\./);
    // 32-byte class: the 99 ints 1000 … 99000 made at run time and the constant 1000;
    // 64-byte class: the list object (its 848-byte items array is outside pymalloc).
    expect(stderr).toContain('    1     32           1             100           410\n');
    expect(stderr).toContain('    3     64           1               1           254\n');
  });

  it('rejects versions it does not model, and a missing script, with exit 2', async () => {
    const path = script('ok.py', 'print(1)\n');
    expect(await runCli(['run', '--python', '3.7', path])).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'pymem: CPython 3.7 is not supported; supported CPython versions are 3.8, 3.9, 3.10, 3.11, 3.12, 3.13, 3.14\n',
    });
    expect((await runCli(['run', join(dir, 'missing.py')])).status).toBe(2);
  });

  it('has help', async () => {
    const { status, stdout } = await runCli(['help', 'run']);
    expect(status).toBe(0);
    expect(stdout).toContain('--max-steps <count>');
    expect(stdout).toContain('--stats');
  });
});
