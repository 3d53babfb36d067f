import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVersion, UnsupportedVersionError } from './parse-version.ts';
import { PROFILE_NAMES, PROFILES } from './profiles.ts';

describe('parseVersion', () => {
  it('accepts a minor version, a patch release and an interpreter name', () => {
    expect(parseVersion('3.11').name).toBe('3.11');
    expect(parseVersion('3.11.7').name).toBe('3.11');
    expect(parseVersion('python3.8').name).toBe('3.8');
    expect(parseVersion('3.13.0rc2').name).toBe('3.13');
    expect(parseVersion(' 3.10 ').name).toBe('3.10');
  });

  it('rejects unsupported versions with one line naming the supported ones', () => {
    for (const bad of ['2.7', '3.7', '3.15', '4.0', 'banana', '', '3', '3.11.x']) {
      let error: unknown;
      try {
        parseVersion(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UnsupportedVersionError);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain('3.8, 3.9, 3.10, 3.11, 3.12, 3.13, 3.14');
    }
  });

  it('round-trips every profile name', () => {
    for (const name of PROFILE_NAMES) expect(parseVersion(name)).toBe(PROFILES[name]);
  });

  it('never throws anything but UnsupportedVersionError', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          const profile = parseVersion(text);
          expect(PROFILE_NAMES).toContain(profile.name);
        } catch (error) {
          expect(error).toBeInstanceOf(UnsupportedVersionError);
        }
      }),
      { seed: 42 },
    );
  });
});

describe('PROFILES', () => {
  it('has one entry per name, oldest first, with a matching minor', () => {
    expect(Object.keys(PROFILES).sort()).toEqual([...PROFILE_NAMES].sort());
    const minors = PROFILE_NAMES.map((name) => PROFILES[name].minor);
    expect(minors).toEqual([...minors].sort((a, b) => a - b));
    for (const name of PROFILE_NAMES) expect(name).toBe(`3.${PROFILES[name].minor}`);
  });

  it('marks 3.14 as modelled from source only', () => {
    expect(PROFILES['3.14'].verification).toBe('source');
    expect(PROFILE_NAMES.filter((n) => PROFILES[n].verification === 'recorded')).toHaveLength(6);
  });
});
