import { chmodSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findInterpreters } from './find-interpreters.ts';

describe('interpreter identities', () => {
  it('are asked once, and again only when the interpreter file changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pymem-identity-'));
    const runs = join(dir, 'runs');
    const python = join(dir, 'python3.12');
    writeFileSync(runs, '');
    writeFileSync(
      python,
      `#!/bin/sh\necho run >> '${runs}'\necho '{"version": "3.12.9", "implementation": "cpython", "prefix": "/x", "pointerSize": 8}'\n`,
    );
    chmodSync(python, 0o755);
    const env = {
      PYMEM_PYTHONS: python,
      PYMEM_CACHE_DIR: join(dir, 'cache'),
      PYENV_ROOT: join(dir, 'no-pyenv'),
      HOME: dir,
      PATH: '',
    };
    const count = () => readFileSync(runs, 'utf8').split('\n').filter(Boolean).length;

    expect(findInterpreters({ env }).map((found) => found.version)).toEqual(['3.12.9']);
    expect(count()).toBe(1);
    expect(findInterpreters({ env }).map((found) => found.profile)).toEqual(['3.12']);
    expect(count()).toBe(1);
    const later = new Date(Date.now() + 5_000);
    utimesSync(python, later, later);
    expect(findInterpreters({ env })).toHaveLength(1);
    expect(count()).toBe(2);
  });
});
