/**
 * `pymem record` reads its command line as `python` does: its own options, then the
 * program (script, -m or -c) and everything after it, untouched — from any directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', 'apps', 'cli', 'bin', 'pymem.js');
const python = liveInterpreterFor('3.12', 'pymem record argument passing');

function pymem(cwd: string, ...argv: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!python)('pymem record passes the program its own arguments', () => {
  const version = python?.version ?? '';

  it('after -c, even those that look like pymem options', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pymem-record-'));
    const code = 'import sys; print(sys.argv)';
    const run = pymem(cwd, 'record', '--python', version, '-c', code, '-o', 'x', '--sites', '-w');
    expect(run.stdout.trim()).toBe("['-c', '-o', 'x', '--sites', '-w']");
    expect(run.status).toBe(0);
    expect(readdirSync(cwd)).toEqual(['code.pmt']);
    expect(run.stderr).toMatch(
      /recorded CPython .* to code\.pmt .*the program exited with status 0/,
    );
  });

  it('after a script, and exits with the program’s own status', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pymem-record-'));
    writeFileSync(join(cwd, 'prog.py'), 'import sys\nprint(sys.argv[1:])\nsys.exit(3)\n');
    const run = pymem(
      cwd,
      'record',
      '--python',
      version,
      '-o',
      'p.pmt',
      'prog.py',
      '-v',
      '--',
      '-m',
    );
    expect(run.stdout.trim()).toBe("['-v', '--', '-m']");
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/the program exited with status 3/);
    expect(existsSync(join(cwd, 'p.pmt'))).toBe(true);
  });

  it('records `-m pydoc -w json`, naming the recording after the module', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pymem-record-'));
    const run = pymem(cwd, 'record', '--python', version, '-m', 'pydoc', '-w', 'json');
    expect(run.stderr).not.toMatch(/unknown option/);
    expect(run.status).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual(['json.html', 'pydoc.pmt']);
    const replay = pymem(cwd, 'replay', 'pydoc.pmt', '--verify');
    expect(replay.status).toBe(0);
  });

  it('records `-m test -v test_dict` with the test runner seeing -v', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pymem-record-'));
    const run = pymem(cwd, 'record', '--python', version, '-m', 'test', '-v', 'test_dict');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^test_\w+ \(test\.test_dict\.\w+/m); // -v lists every test
    expect(existsSync(join(cwd, 'test.pmt'))).toBe(true);
  });

  it('writes nothing when the program cannot start', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pymem-record-'));
    const missing = pymem(cwd, 'record', '--python', version, 'no_such_script.py');
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe(
      "pymem: can't open file 'no_such_script.py': nothing recorded",
    );
    const module = pymem(cwd, 'record', '--python', version, '-m', 'no_such_module_here');
    expect(module.status).toBe(2);
    expect(module.stderr.trim()).toBe(
      "pymem: no module named 'no_such_module_here': nothing recorded",
    );
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("reports, with no options, the program's own line as what pins the arenas", () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pymem-record-'));
    writeFileSync(
      join(cwd, 'keep_some.py'),
      [
        'records = []',
        'for i in range(200_000):',
        '    records.append({"id": i, "name": "user%d" % i, "tags": [i]})',
        '',
        'kept = []',
        'for i, record in enumerate(records):',
        '    if i % 100 == 0:',
        '        kept.append(record)',
        'del records, record',
        'print(len(kept))',
        '',
      ].join('\n'),
    );
    const run = pymem(cwd, 'record', '--python', version, '--sites', '1', 'keep_some.py');
    expect(run.stdout.trim()).toBe('2000');
    expect(run.status).toBe(0);
    const report = pymem(cwd, 'report', 'keep_some.pmt');
    expect(report.status).toBe(0);
    expect(report.stdout).toMatch(/at +mark "exit", event [\d,]+: the program's end/);
    const lines = report.stdout.split('\n');
    const pinning = lines.indexOf('Source lines whose live blocks keep the nearly empty arenas');
    expect(pinning).toBeGreaterThan(0);
    expect(lines[pinning + 1]).toMatch(/^ {2}.*keep_some\.py:3: [\d,]+ blocks/);
  });
});
