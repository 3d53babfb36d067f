import { describeInterpreter, type Interpreter, liveInterpreters } from '@pymem/cpython';
import { isProfileName, parseVersion, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { RecorderError } from './errors.ts';

/**
 * Resolves `--python`: a path to an interpreter, a version (`3.11`, `python3.11`)
 * found on this machine, or (when absent) `python3` on PATH if pymem models it,
 * else the newest interpreter found.
 *
 * @throws RecorderError `no-interpreter` naming what was asked and what exists.
 */
export function selectInterpreter(choice?: string): Interpreter {
  const found = liveInterpreters().filter(
    (interpreter) =>
      interpreter.profile !== null && RECORDED_PROFILE_NAMES.includes(interpreter.profile),
  );
  const available = found.map((interpreter) => interpreter.version).join(', ') || 'none';
  if (choice === undefined) {
    const onPath = found.find((interpreter) => interpreter.source === 'path');
    const chosen = onPath ?? found[found.length - 1];
    if (!chosen) {
      throw new RecorderError(
        'no-interpreter',
        'no CPython 3.8-3.13 interpreter found: install one (pyenv) or pass --python PATH',
      );
    }
    return chosen;
  }
  if (choice.includes('/')) {
    const interpreter = describeInterpreter(choice);
    if (!interpreter) {
      throw new RecorderError('no-interpreter', `${choice} is not a runnable CPython interpreter`);
    }
    if (interpreter.profile === null || !RECORDED_PROFILE_NAMES.includes(interpreter.profile)) {
      throw new RecorderError(
        'no-interpreter',
        `${choice} is CPython ${interpreter.version}; recording supports ${RECORDED_PROFILE_NAMES.join(', ')}`,
      );
    }
    return interpreter;
  }
  const profile = parseVersion(choice);
  const wantPatch = /\d+\.\d+\.\d+/.exec(choice)?.[0];
  const chosen = found.find(
    (interpreter) =>
      interpreter.profile === profile.name && (!wantPatch || interpreter.version === wantPatch),
  );
  if (!chosen) {
    const what = wantPatch ?? profile.name;
    const hint =
      isProfileName(profile.name) && profile.verification === 'source'
        ? ' (3.14 is modelled from source; no interpreter is recorded)'
        : '';
    throw new RecorderError(
      'no-interpreter',
      `no CPython ${what} interpreter on this machine${hint}; found: ${available}`,
    );
  }
  return chosen;
}
