/**
 * Files shipped with `@pymem/cli` (its package.json, `examples/`), found from any of its
 * modules: `src/` run from source, `dist/` after tsc, or a chunk of the bundled command
 * in `dist/bin/` (scripts/bundle.mjs).
 *
 * Invariant: none of `src/`, `dist/` or `dist/bin/` holds a package.json, so the first
 * one above a module is the package's own.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The absolute path of `relative` (e.g. `'examples/x.br'`) inside the package. */
export function packageFile(relative: string): string {
  let dir = new URL('.', import.meta.url);
  for (;;) {
    if (existsSync(new URL('package.json', dir))) return fileURLToPath(new URL(relative, dir));
    const parent = new URL('..', dir);
    if (parent.href === dir.href)
      throw new Error(`@pymem/cli: no package.json above ${import.meta.url}`);
    dir = parent;
  }
}
