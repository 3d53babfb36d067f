/**
 * Every published package is complete on its own (tests/publish.test.ts then publishes
 * them to a local registry and installs them): a license, a README whose example runs
 * and prints what the README says, and a manifest that publishes `dist` only, with the
 * workspace's `@pymem/source` condition stripped by `publishConfig.exports` (published
 * packages carry no src/, so a bundler enabling that condition would find nothing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  publishedPackages,
  ROOT,
  readmeExample,
  withoutSourceCondition,
} from './support/packages.ts';

const packages = publishedPackages();
const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');

describe('published packages', () => {
  it('are every library, the CLI and the viewer it serves', () => {
    const libraries = readdirSync(join(ROOT, 'packages')).filter((name) =>
      existsSync(join(ROOT, 'packages', name, 'package.json')),
    );
    expect(packages.map((pkg) => pkg.path).sort()).toEqual(
      [...libraries.map((name) => `packages/${name}`), 'apps/cli', 'apps/viewer'].sort(),
    );
  });

  for (const pkg of packages) {
    describe(pkg.name, () => {
      it('has the MIT license, a README and publishes dist', () => {
        expect(pkg.manifest.license).toBe('MIT');
        expect(readFileSync(join(pkg.dir, 'LICENSE'), 'utf8')).toBe(license);
        expect(pkg.manifest.files).toContain('dist');
        expect(pkg.manifest.files).not.toContain('src');
        expect(pkg.manifest.publishConfig?.access).toBe('public');
      });

      it('publishes its exports without the @pymem/source condition', () => {
        expect(pkg.manifest.exports).toBeDefined();
        expect(pkg.manifest.publishConfig?.exports).toEqual(
          withoutSourceCondition(pkg.manifest.exports),
        );
      });

      it('depends on workspace packages through workspace: ranges', () => {
        for (const [name, range] of Object.entries(pkg.manifest.dependencies ?? {}))
          if (name.startsWith('@pymem/')) expect(range).toMatch(/^workspace:/);
      });

      const readmePath = join(pkg.dir, 'README.md');
      const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
      const example = readmeExample(readme);
      it('has a README with the install line and a usage example of at most 15 lines', () => {
        expect(existsSync(readmePath)).toBe(true);
        expect(readme).toMatch(
          new RegExp(`npm (i|install)( -g| --global)? ${pkg.name.replace('/', '\\/')}`),
        );
        if (pkg.name === '@pymem/cli') return; // its example is shell commands
        expect(example).not.toBeNull();
        expect(example!.code.trimEnd().split('\n').length).toBeLessThanOrEqual(15);
      });

      if (example?.prints != null) {
        it('prints what its README says', () => {
          // Run from tests/, where every @pymem package resolves, on the sources.
          const stdout = execFileSync(
            process.execPath,
            [
              '--conditions=@pymem/source',
              '--import',
              'tsx',
              '--input-type=module',
              '-e',
              example.code,
            ],
            { cwd: join(ROOT, 'tests'), encoding: 'utf8' },
          );
          expect(stdout).toBe(example.prints);
        });
      }
    });
  }

  it('ship what they need at run time', () => {
    const byName = new Map(packages.map((pkg) => [pkg.name, pkg.manifest]));
    expect(byName.get('@pymem/recorder')?.files).toContain('native');
    expect(byName.get('@pymem/cli')?.bin).toEqual({ pymem: './bin/pymem.js' });
    expect(byName.get('@pymem/cli')?.files).toEqual(
      expect.arrayContaining(['bin', 'dist', 'examples']),
    );
    expect(byName.get('@pymem/cli')?.dependencies?.['@pymem/viewer']).toBeDefined();
  });
});
