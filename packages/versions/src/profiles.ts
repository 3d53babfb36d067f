/**
 * The CPython version profiles pymem models.
 *
 * A *profile* is a CPython minor version (3.8 … 3.14). Every layer keys its own
 * constants by profile name; this module is the one place that says which profiles
 * exist, which patch release each was checked against, and how.
 *
 *   profile  reference release  verified by
 *   -------  -----------------  -----------------------------------------------
 *   3.8      3.8.18             recorded fixtures + live interpreter when found
 *   …        …                  …
 *   3.13     3.13.0             recorded fixtures + live interpreter when found
 *   3.14     3.14 (source)      reading CPython's source only: no binary was run
 *
 * Invariants:
 *   1. PROFILE_NAMES is sorted oldest first and every name has an entry in PROFILES.
 *   2. A profile's `minor` equals the number after "3." in its name.
 */

/** Name of a supported CPython minor version, e.g. `'3.11'`. */
export type ProfileName = '3.8' | '3.9' | '3.10' | '3.11' | '3.12' | '3.13' | '3.14';

/**
 * How a profile's behaviour is established: `recorded` profiles are checked against
 * fixtures recorded from a real interpreter (and against a live one where found);
 * `source` profiles are modelled from CPython's source alone.
 */
export type Verification = 'recorded' | 'source';

/** One supported CPython version and how pymem knows it behaves as modelled. */
export interface VersionProfile {
  /** `'3.11'` */
  readonly name: ProfileName;
  /** Always 3. */
  readonly major: 3;
  /** 8 … 14 */
  readonly minor: number;
  /** The patch release our fixtures were recorded from (or the source tree read). */
  readonly referenceRelease: string;
  /** How this profile is verified. */
  readonly verification: Verification;
}

function profile(
  minor: number,
  referenceRelease: string,
  verification: Verification,
): VersionProfile {
  return { name: `3.${minor}` as ProfileName, major: 3, minor, referenceRelease, verification };
}

/** Every supported profile by name. */
export const PROFILES: Readonly<Record<ProfileName, VersionProfile>> = {
  '3.8': profile(8, '3.8.18', 'recorded'),
  '3.9': profile(9, '3.9.18', 'recorded'),
  '3.10': profile(10, '3.10.13', 'recorded'),
  '3.11': profile(11, '3.11.7', 'recorded'),
  '3.12': profile(12, '3.12.1', 'recorded'),
  '3.13': profile(13, '3.13.0', 'recorded'),
  '3.14': profile(14, '3.14.7', 'source'),
};

/** Supported profile names, oldest first. */
export const PROFILE_NAMES: readonly ProfileName[] = [
  '3.8',
  '3.9',
  '3.10',
  '3.11',
  '3.12',
  '3.13',
  '3.14',
];

/** The profiles whose behaviour is recorded from real interpreters (3.8 … 3.13). */
export const RECORDED_PROFILE_NAMES: readonly ProfileName[] = PROFILE_NAMES.filter(
  (name) => PROFILES[name].verification === 'recorded',
);
