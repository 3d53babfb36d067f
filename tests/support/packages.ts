/**
 * The workspace's published packages (every one under packages/ and apps/ that is not
 * private) and the usage example of each README: the first ```js block after the
 * install line, and, when a paragraph reading exactly `prints` follows it, the
 * ```text block after that, which is what the example prints, byte for byte. Examples
 * whose output depends on the machine say so in other words and are not checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root. */
export const ROOT: string = join(import.meta.dirname, '..', '..');

/** A package of the workspace that is published to npm. */
export interface PublishedPackage {
  /** Its folder, absolute. */
  readonly dir: string;
  /** Its folder relative to the root, e.g. `packages/obmalloc`. */
  readonly path: string;
  readonly name: string;
  readonly version: string;
  readonly manifest: Manifest;
}

/** The fields of a package.json these tests read. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly files?: readonly string[];
  readonly bin?: Readonly<Record<string, string>>;
  readonly exports?: unknown;
  readonly publishConfig?: { readonly access?: string; readonly exports?: unknown };
  readonly dependencies?: Readonly<Record<string, string>>;
}

/** Every package under packages/ and apps/ not marked private, in folder order. */
export function publishedPackages(): PublishedPackage[] {
  return ['packages', 'apps'].flatMap((group) =>
    readdirSync(join(ROOT, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const path = `${group}/${entry.name}`;
        let manifest: Manifest;
        try {
          manifest = JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8'));
        } catch {
          return [];
        }
        if (manifest.private === true) return [];
        return [
          {
            dir: join(ROOT, path),
            path,
            name: manifest.name,
            version: manifest.version,
            manifest,
          },
        ];
      }),
  );
}

/** A README's usage example: its code and, when the README states it, its output. */
export interface ReadmeExample {
  readonly code: string;
  /** What it prints (ending in a newline), or null when the README shows no exact output. */
  readonly prints: string | null;
}

/** The usage example of a README's text, or null when it has no ```js block. */
export function readmeExample(readme: string): ReadmeExample | null {
  const code = /^```js\n([\s\S]*?)^```\n/m.exec(readme);
  if (!code) return null;
  const after = readme.slice(code.index + code[0].length);
  const prints = /^\nprints\n\n```text\n([\s\S]*?\n)```\n/.exec(after);
  return { code: code[1]!, prints: prints ? prints[1]! : null };
}

/** The `exports` map a package publishes: the workspace's without the source condition. */
export function withoutSourceCondition(exports: unknown): unknown {
  if (typeof exports !== 'object' || exports === null) return exports;
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== '@pymem/source')
      .map(([key, value]) => [key, withoutSourceCondition(value)]),
  );
}
