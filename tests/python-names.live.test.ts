/**
 * The names a NameError's or AttributeError's "Did you mean" hint chooses from against
 * each live CPython: the builtins module's names in its dict's order and
 * `sys.stdlib_module_names` (3.10–3.13, packages/python/src/python-names.ts), and
 * `dir()` of each builtin type's instances (3.8–3.13, python-dirs.ts, which also
 * decides whether a lookup is CPython's AttributeError). Written by
 * tests/scripts/record-python-{names,dirs}.ts; an order that drifted would print another
 * interpreter's hint. Without an interpreter the check is reported skipped.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import type { ProfileName } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { builtinDir } from '../packages/python/src/attribute-suggestions.ts';
import { BUILTINS_DICT_ORDER, STDLIB_MODULE_NAMES } from '../packages/python/src/python-names.ts';

const PROBE = join(import.meta.dirname, 'scripts', 'python_names_probe.py');
const DIRS_PROBE = join(import.meta.dirname, 'scripts', 'python_dirs_probe.py');

/** The probe's JSON as `profile`'s interpreter prints it. */
function probe<T>(path: string, script: string): T {
  return JSON.parse(
    execFileSync(path, ['-W', 'ignore', script], { cwd: tmpdir(), encoding: 'utf8' }),
  ) as T;
}

describe('the names a NameError hint chooses from', () => {
  for (const profile of ['3.10', '3.11', '3.12', '3.13'] as ProfileName[]) {
    const interpreter = liveInterpreterFor(profile, 'python-names.live');
    if (interpreter === null) {
      it.skip(`LIVE CHECK SKIPPED: no CPython ${profile} on this machine`, () => {});
      continue;
    }
    it(`are CPython ${interpreter.version}'s`, () => {
      const out = probe<{ builtins: string[]; stdlib: string[] }>(interpreter.path, PROBE);
      const minor = Number(profile.split('.')[1]);
      expect(BUILTINS_DICT_ORDER[minor]).toEqual(out.builtins);
      if (minor >= 12) expect(STDLIB_MODULE_NAMES[minor]).toEqual(out.stdlib);
      else expect(STDLIB_MODULE_NAMES[minor]).toBeUndefined();
    });
  }
});

describe("the names of builtin values' types", () => {
  for (const profile of ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'] as ProfileName[]) {
    const interpreter = liveInterpreterFor(profile, 'python-names.live (dirs)');
    if (interpreter === null) {
      it.skip(`LIVE CHECK SKIPPED: no CPython ${profile} on this machine`, () => {});
      continue;
    }
    it(`are CPython ${interpreter.version}'s`, () => {
      const out = probe<Record<string, string[]>>(interpreter.path, DIRS_PROBE);
      const minor = Number(profile.split('.')[1]);
      for (const [type, names] of Object.entries(out))
        expect(builtinDir(type, minor), type).toEqual(names);
    });
  }
});
