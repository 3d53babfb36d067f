/**
 * The names a NameError's "Did you mean" hint chooses from (packages/python/src/
 * python-names.ts, written by tests/scripts/record-python-names.ts) against each live
 * CPython 3.10–3.13: the builtins module's names in its dict's order and
 * `sys.stdlib_module_names`. Their order decides between equally near names, so a
 * list that drifted would print another interpreter's hint. Without an interpreter the
 * check is reported skipped.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import type { ProfileName } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { BUILTINS_DICT_ORDER, STDLIB_MODULE_NAMES } from '../packages/python/src/python-names.ts';

const PROBE = join(import.meta.dirname, 'scripts', 'python_names_probe.py');

describe('the names a NameError hint chooses from', () => {
  for (const profile of ['3.10', '3.11', '3.12', '3.13'] as ProfileName[]) {
    const interpreter = liveInterpreterFor(profile, 'python-names.live');
    if (interpreter === null) {
      it.skip(`LIVE CHECK SKIPPED: no CPython ${profile} on this machine`, () => {});
      continue;
    }
    it(`are CPython ${interpreter.version}'s`, () => {
      const out = JSON.parse(
        execFileSync(interpreter.path, ['-W', 'ignore', PROBE], {
          cwd: tmpdir(),
          encoding: 'utf8',
        }),
      ) as { builtins: string[]; stdlib: string[] };
      const minor = Number(profile.split('.')[1]);
      expect(BUILTINS_DICT_ORDER[minor]).toEqual(out.builtins);
      if (minor >= 12) expect(STDLIB_MODULE_NAMES[minor]).toEqual(out.stdlib);
      else expect(STDLIB_MODULE_NAMES[minor]).toBeUndefined();
    });
  }
});
