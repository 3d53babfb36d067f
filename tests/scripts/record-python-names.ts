/**
 * Records, from each CPython 3.10 … 3.13 found here, what a NameError's "Did you mean"
 * hint chooses from: the builtins module's names in its dict's order (as a script run
 * as `python -W ignore FILE` sees them, after `site`), and (3.12+)
 * `sys.stdlib_module_names`. Writes packages/python/src/python-names.ts.
 *
 *   node --import tsx tests/scripts/record-python-names.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import type { ProfileName } from '@pymem/versions';

const PROBE = join(import.meta.dirname, 'python_names_probe.py');
const builtins: Record<number, string[]> = {};
const stdlib: Record<number, string[]> = {};
const versions: string[] = [];
for (const profile of ['3.10', '3.11', '3.12', '3.13'] as ProfileName[]) {
  const interpreter = liveInterpreterFor(profile, 'record-python-names');
  if (interpreter === null) throw new Error(`no CPython ${profile} here: nothing written`);
  const out = JSON.parse(
    execFileSync(interpreter.path, ['-W', 'ignore', PROBE], { cwd: tmpdir(), encoding: 'utf8' }),
  ) as { builtins: string[]; stdlib: string[] };
  const minor = Number(profile.split('.')[1]);
  builtins[minor] = out.builtins;
  if (minor >= 12) stdlib[minor] = out.stdlib;
  versions.push(interpreter.version);
}

// One line per version: the lists differ by a few names only.
const table = (byMinor: Record<number, string[]>): string =>
  `{\n${Object.entries(byMinor)
    .map(([minor, names]) => `  ${minor}: '${names.join(' ')}'.split(' '),`)
    .join('\n')}\n}`;
const text = `/**
 * What a NameError's "Did you mean" hint chooses from, recorded from CPython
 * ${versions.join(', ')} by tests/scripts/record-python-names.ts (do not edit by hand):
 * the builtins module's names in its dict's order (a script's view, after \`site\`),
 * and 3.12+ \`sys.stdlib_module_names\` (sorted).
 */

/** The builtins module's names, in its dict's order, by minor version (3.10+). */
export const BUILTINS_DICT_ORDER: Readonly<Record<number, readonly string[]>> = ${table(builtins)};

/** \`sys.stdlib_module_names\`, sorted, by minor version (3.12+). */
export const STDLIB_MODULE_NAMES: Readonly<Record<number, readonly string[]>> = ${table(stdlib)};
`;
const out = join(import.meta.dirname, '..', '..', 'packages', 'python', 'src', 'python-names.ts');
writeFileSync(out, text);
console.log(`wrote ${out}`);
