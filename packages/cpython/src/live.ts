import type { ProfileName } from '@pymem/versions';
import { findInterpreters, type Interpreter } from './find-interpreters.ts';

let cached: Interpreter[] | undefined;

/** Interpreters found on this machine, looked up once per process. */
export function liveInterpreters(): readonly Interpreter[] {
  cached ??= findInterpreters();
  return cached;
}

/**
 * The interpreter a live differential test should run for `profile`: the first one
 * found (pyenv before PATH), or null. When null, it prints a loud notice on stderr so
 * that a skipped live check is never mistaken for a passing one.
 */
export function liveInterpreterFor(profile: ProfileName, purpose: string): Interpreter | null {
  const interpreter = liveInterpreters().find((candidate) => candidate.profile === profile);
  if (!interpreter) {
    process.stderr.write(
      `\n*** LIVE CHECK SKIPPED: no CPython ${profile} interpreter on this machine (${purpose}).\n` +
        '*** Install one (pyenv) or list it in PYMEM_PYTHONS to run it; fixtures still ran.\n\n',
    );
  }
  return interpreter ?? null;
}
