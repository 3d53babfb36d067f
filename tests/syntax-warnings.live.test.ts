/**
 * The SyntaxWarnings `pymem run` prints before a program runs (packages/python/src/
 * syntax-warnings.ts) against real CPython, run without `-W`: the program
 * tests/programs/warnings/syntax_warnings.py has identity tests with literals (some
 * exempt: None, True, ...), a chain, a folded constant and a parenthesised assert.
 * What CPython 3.8.18–3.13.0 printed is kept below (the file as named on 3.8; 3.9+ name
 * it by its absolute path, shown here as the directory stripped); each live interpreter
 * must print it too, or the check is reported skipped.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveInterpreters } from '@pymem/cpython';
import { runPython } from '@pymem/python';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, 'programs', 'warnings');
const FILE = 'syntax_warnings.py';
const SOURCE = readFileSync(join(DIR, FILE), 'utf8');
const PROFILES = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'];

/** What CPython printed on stdout (measured on 3.8.18–3.13.0). */
const STDOUT = 'False\nFalse True\nok\nFalse False\nFalse True\n';

/** What CPython printed on stderr, the 3.12+ wording when `typed` (measured). */
function measuredStderr(typed: boolean): string {
  const literal = (type: string) => (typed ? `'${type}' literal` : 'a literal');
  const is = (type: string) => `"is" with ${literal(type)}. Did you mean "=="?`;
  const isNot = (type: string) => `"is not" with ${literal(type)}. Did you mean "!="?`;
  const chain = '  return y == "a" or 1 is y is 2 or (y is -1)\n';
  return [
    `${FILE}:2: SyntaxWarning: ${is('int')}\n  print(257 is x)\n`,
    `${FILE}:3: SyntaxWarning: ${is('int')}\n  print(x is 257, x == 257)\n`,
    `${FILE}:4: SyntaxWarning: assertion is always true, perhaps remove parentheses?\n  assert (x, "msg")\n`,
    `${FILE}:5: SyntaxWarning: ${isNot('int')}\n  if x is not 3:\n`,
    `${FILE}:10: SyntaxWarning: ${is('int')}\n${chain}`,
    `${FILE}:10: SyntaxWarning: ${is('int')}\n${chain}`,
    `${FILE}:13: SyntaxWarning: ${isNot('tuple')}\n  print(f(5), (1, 2) is not (1, 2))\n`,
  ].join('');
}

function runModel(python: string, warnings?: boolean) {
  return runPython(SOURCE, {
    python,
    filename: FILE,
    ...(warnings === undefined ? {} : { warnings }),
  });
}

describe('SyntaxWarnings, recorded', () => {
  for (const python of PROFILES)
    it(`prints CPython ${python}'s warnings before the run`, () => {
      const result = runModel(python);
      expect(result.outcome).toBe('ok');
      expect(result.stdout).toBe(STDOUT);
      expect(result.stderr).toBe(measuredStderr(Number(python.split('.')[1]) >= 12));
    });

  it('prints none when run as `python -W ignore`', () => {
    expect(runModel('3.12', false).stderr).toBe('');
  });
});

describe('SyntaxWarnings, live', () => {
  const live = liveInterpreters().filter((i) => i.profile !== null && PROFILES.includes(i.profile));
  if (live.length === 0)
    it.skip('LIVE CHECK SKIPPED: no CPython 3.8–3.13 on this machine', () => {});
  for (const interpreter of live)
    it(`prints what CPython ${interpreter.version} here prints`, () => {
      const env = { ...process.env };
      delete env.PYTHONWARNINGS;
      const run = spawnSync(interpreter.path, [FILE], { cwd: DIR, env, encoding: 'utf8' });
      const model = runModel(interpreter.profile!);
      expect(run.stdout).toBe(model.stdout);
      // 3.9+ name the script by its absolute path.
      expect(run.stderr.split(`${DIR}/`).join('')).toBe(model.stderr);
    });
});
