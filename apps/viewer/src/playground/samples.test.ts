/**
 * The samples are programs of the `pymem run` differential suite
 * (tests/programs/run/sample_*.py), so what each prints — its closing sentence
 * included — is checked there against real CPython 3.8–3.13, fixture and live.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from './samples.ts';

const PROGRAMS = join(import.meta.dirname, '..', '..', '..', '..', 'tests', 'programs', 'run');

describe('samples', () => {
  it.each(SAMPLES.map((s) => [s.id, s] as const))('%s is a differential program', (id, sample) => {
    const file = join(PROGRAMS, `sample_${id.replaceAll('-', '_')}.py`);
    expect(sample.source).toBe(readFileSync(file, 'utf8'));
  });
});
