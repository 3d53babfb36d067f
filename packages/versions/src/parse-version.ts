import { PROFILE_NAMES, PROFILES, type ProfileName, type VersionProfile } from './profiles.ts';

/**
 * Thrown for a version string that names no supported profile. `code` is stable
 * (`'unsupported-version'`) so callers can map it to an exit status.
 */
export class UnsupportedVersionError extends Error {
  /** Stable error code. */
  readonly code = 'unsupported-version' as const;
  /** What the user gave. */
  readonly input: string;

  constructor(input: string, reason: string) {
    super(`${reason}; supported CPython versions are ${PROFILE_NAMES.join(', ')}`);
    this.name = 'UnsupportedVersionError';
    this.input = input;
  }
}

const VERSION_PATTERN = /^(?:python|cpython)?\s*(\d+)\.(\d+)(?:\.(\d+)(?:(?:a|b|rc)\d+|\+)?)?$/i;

/**
 * Parses `3.11`, `3.11.7`, `python3.11` or `cpython 3.11.7` into its profile.
 *
 * @throws UnsupportedVersionError naming the supported versions when the input is
 *   malformed or names a version pymem does not model.
 */
export function parseVersion(input: string): VersionProfile {
  const text = input.trim();
  const match = VERSION_PATTERN.exec(text);
  if (!match) {
    throw new UnsupportedVersionError(input, `'${input}' is not a CPython version`);
  }
  const name = `${match[1]}.${match[2]}`;
  if (!isProfileName(name)) {
    throw new UnsupportedVersionError(input, `CPython ${name} is not supported`);
  }
  return PROFILES[name];
}

/** True when `name` is exactly a supported profile name such as `'3.12'`. */
export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(PROFILES, name);
}
