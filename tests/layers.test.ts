/**
 * The layering rule of docs/architecture.md, enforced: a package imports only the
 * layers below it, only by their public names (never `@pymem/x/src/…` or a path into
 * another package), and the browser-safe cores import nothing from `node:`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** What each workspace package may import (apps and tests may import any package). */
const ALLOWED: Record<string, readonly string[]> = {
  '@pymem/versions': [],
  '@pymem/cpython': ['@pymem/versions'],
  '@pymem/obmalloc': ['@pymem/versions'],
  '@pymem/gc': ['@pymem/versions', '@pymem/obmalloc', '@pymem/objects'],
  '@pymem/objects': ['@pymem/versions', '@pymem/obmalloc'],
  '@pymem/tracing': ['@pymem/versions'],
  '@pymem/runtime': [
    '@pymem/versions',
    '@pymem/obmalloc',
    '@pymem/objects',
    '@pymem/gc',
    '@pymem/tracing',
  ],
  '@pymem/analysis': [
    '@pymem/versions',
    '@pymem/obmalloc',
    '@pymem/gc',
    '@pymem/tracing',
    '@pymem/runtime',
  ],
  '@pymem/recorder': ['@pymem/versions', '@pymem/cpython'],
  '@pymem/python': ['@pymem/versions', '@pymem/obmalloc', '@pymem/objects', '@pymem/gc'],
};
/** Packages whose code must run unchanged in a browser (sub-folders listed are Node adapters). */
const BROWSER_SAFE: Record<string, readonly string[]> = {
  '@pymem/versions': [],
  '@pymem/obmalloc': [],
  '@pymem/gc': [],
  '@pymem/objects': [],
  '@pymem/tracing': ['node'],
  '@pymem/runtime': [],
  '@pymem/analysis': [],
  '@pymem/python': [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__fixtures__' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const packages = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(ROOT, group)).map((name) => {
    const dir = join(ROOT, group, name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return { dir, group, name: manifest.name as string, manifest };
  }),
);

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('layering', () => {
  it('knows every library package', () => {
    for (const pkg of packages.filter((p) => p.group === 'packages'))
      expect(Object.keys(ALLOWED)).toContain(pkg.name);
  });

  for (const pkg of packages) {
    it(`${pkg.name} imports only lower layers, by their public names`, () => {
      const allowed = ALLOWED[pkg.name];
      const problems: string[] = [];
      for (const file of sourceFiles(join(pkg.dir, 'src'))) {
        const text = readFileSync(file, 'utf8');
        const where = relative(ROOT, file);
        const inAdapter = (BROWSER_SAFE[pkg.name] ?? []).some((sub) =>
          where.includes(`/src/${sub}/`),
        );
        for (const match of text.matchAll(IMPORT)) {
          const spec = (match[1] ?? match[2])!;
          if (/(^|\/)(internal|src)(\/|$)/.test(spec) && !spec.startsWith('.')) {
            problems.push(`${where}: imports another package's internals: ${spec}`);
          }
          if (spec.startsWith('@pymem/')) {
            const target = spec.split('/').slice(0, 2).join('/');
            const rest = spec.slice(target.length);
            if (rest !== '' && rest !== '/node' && rest !== '/server')
              problems.push(`${where}: deep import ${spec}`);
            if (allowed && target !== pkg.name && !allowed.includes(target))
              problems.push(`${where}: ${pkg.name} may not import ${target}`);
            if (
              target !== pkg.name &&
              !(target in (pkg.manifest.dependencies ?? {})) &&
              !where.endsWith('.test.ts')
            ) {
              problems.push(`${where}: ${target} is not declared in package.json dependencies`);
            }
          } else if (spec.startsWith('.')) {
            const resolved = join(file, '..', spec);
            if (!resolved.startsWith(pkg.dir))
              problems.push(`${where}: reaches outside its package: ${spec}`);
          } else if (
            spec.startsWith('node:') &&
            pkg.name in BROWSER_SAFE &&
            !inAdapter &&
            !where.endsWith('.test.ts')
          ) {
            problems.push(`${where}: browser-safe code imports ${spec}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it("leaves pymalloc's packed state to obmalloc: others read it through accessors", () => {
    // Obmalloc keeps its PymallocState in an ES private field, so `model.state` does not
    // type-check; what remains is a checkpoint's state (kept for structured cloning)
    // and the class's name. Its members are read from internal/state.ts.
    const stateFile = join(ROOT, 'packages/obmalloc/src/internal/state.ts');
    const body = readFileSync(stateFile, 'utf8').split('export class PymallocState')[1]!;
    const members = new Set(
      [...body.matchAll(/^ {2}(?:private )?(?:readonly )?(\w+)\s*[:=(]/gm)].map((m) => m[1]!),
    );
    expect(members).toContain('poolRef');
    expect(members).toContain('arenaContaining');
    const everyFile = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (/^(node_modules|dist|__fixtures__|\.)/.test(name)) return [];
        if (statSync(path).isDirectory()) return everyFile(path);
        return /\.tsx?$/.test(name) ? [path] : [];
      });
    const files = ['apps', 'packages', 'tests', 'bench'].flatMap((dir) =>
      everyFile(join(ROOT, dir)),
    );
    const problems: string[] = [];
    for (const file of files) {
      const where = relative(ROOT, file);
      if (where.startsWith('packages/obmalloc/') || where === 'tests/layers.test.ts') continue;
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\.state\.(\w+)/g))
        if (members.has(match[1]!)) problems.push(`${where}: reads .state.${match[1]}`);
      if (/\bPymallocState\b/.test(text)) problems.push(`${where}: names PymallocState`);
    }
    expect(problems).toEqual([]);
  });
});
