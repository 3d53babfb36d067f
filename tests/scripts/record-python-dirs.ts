/**
 * Records, from each CPython 3.8 … 3.13 found here, what an AttributeError's "Did you
 * mean" hint chooses from when the object is a builtin value: `dir()` of one instance of
 * each builtin type the model makes, of each builtin exception class's and of each
 * library module it has (tests/scripts/python_dirs_probe.py). Writes packages/python/src/python-dirs.ts.
 *
 *   node --import tsx tests/scripts/record-python-dirs.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import type { ProfileName } from '@pymem/versions';

const PROBE = join(import.meta.dirname, 'python_dirs_probe.py');
const byType = new Map<string, Map<string, number[]>>();
const versions: string[] = [];
for (const profile of ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'] as ProfileName[]) {
  const interpreter = liveInterpreterFor(profile, 'record-python-dirs');
  if (interpreter === null) throw new Error(`no CPython ${profile} here: nothing written`);
  const out = JSON.parse(
    execFileSync(interpreter.path, ['-W', 'ignore', PROBE], { cwd: tmpdir(), encoding: 'utf8' }),
  ) as Record<string, string[]>;
  const minor = Number(profile.split('.')[1]);
  // An exception class's names beyond BaseException's are written after `+`.
  const base = new Set(out['exception.BaseException'] ?? []);
  for (const [type, names] of Object.entries(out)) {
    const groups = byType.get(type) ?? new Map<string, number[]>();
    byType.set(type, groups);
    const extends_ = type.startsWith('exception.') && type !== 'exception.BaseException';
    const text = extends_ ? `+${names.filter((n) => !base.has(n)).join(' ')}` : names.join(' ');
    groups.set(text, [...(groups.get(text) ?? []), minor]);
  }
  versions.push(interpreter.version);
}

// One line per type and group of versions sharing its names: `type minor…: name…`.
const lines = [...byType].flatMap(([type, groups]) =>
  [...groups].map(([text, minors]) => `${type} ${minors.join(' ')}: ${text}`),
);
const text = `/**
 * The names a builtin value's type has (a missing one is an AttributeError) and its
 * "Did you mean" hint chooses from, recorded by tests/scripts/record-python-dirs.ts
 * (do not edit by hand) from CPython ${versions.join(', ')}:
 * \`dir()\` of an instance of each builtin type, \`object\`'s, a function's (its
 * \`__dict__\` empty), each builtin exception class's (\`exception.ValueError\`: the names
 * beyond \`exception.BaseException\`'s, after \`+\`) and each library module's
 * (\`module.math\`). One line per type and the minor versions that share its names:
 * \`type minor…: name…\` (read by attribute-suggestions.ts).
 */
export const BUILTIN_DIRS_TEXT = \`
${lines.join('\n')}
\`;
`;
const out = join(import.meta.dirname, '..', '..', 'packages', 'python', 'src', 'python-dirs.ts');
writeFileSync(out, text);
console.log(`wrote ${out}`);
