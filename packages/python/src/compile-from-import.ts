/**
 * `from module import name [as alias], …` at module level (`pymem run`), for the
 * modules the compiler knows (`sys` and the library modules of compile-lib.ts).
 *
 * The model has no object for a module or for most of a module's functions: a call
 * `functools.reduce(…)` is compiled from its syntax. A from-imported name is compiled
 * the same way, as the `module.name` it stands for, wherever that form is modelled:
 *
 *   deque(…), getsizeof(x)        a call            → moduleCall / sysCall
 *   pi                            a value attribute → moduleAttribute
 *   @lru_cache(…), @wraps(f)      a decorator       → compile-lru-cache.ts / compile-wraps.ts
 *
 * Invariants: an alias is bound by exactly one statement, the from-import, at module
 * level (a program that binds it anywhere else, declares it global in a function, or
 * imports it twice is refused when compiled); a function's local of the same name
 * shadows it. Until its statement ran, an alias is unbound: its use raises NameError,
 * as CPython's LOAD_NAME / LOAD_GLOBAL would.
 *
 * What the statement does, as `import module` does here (the module's import and its
 * value attributes, compile-lib.ts importLibrary), and each name bound in `__main__`'s
 * dict (a new key: Machine.globalInsertions). Models IMPORT_NAME + IMPORT_FROM +
 * STORE_NAME (Python/ceval.c import_from), 3.8–3.14. Refused: `from … import *`,
 * dotted or relative modules, `gc` (the collector is attached from `import gc`), names
 * the model does not know the module to have (CPython's ImportError names the module's
 * file), and a from-imported name used other than in the forms above.
 */
import type { SyntaxNode } from '@lezer/common';
import { hasValueAttribute, libraryModules } from './compile-lib.ts';
import { SYS_EXTRA_FUNCTIONS } from './compile-sys.ts';
import type { Compiler, Scope } from './compiler.ts';
import { contextError } from './exception-classes.ts';
import type { Expression } from './frame.ts';
import type { Machine } from './machine.ts';

/** What a from-imported name stands for. */
export interface FromImported {
  /** The module it came from (`functools`). */
  readonly module: string;
  /** Its name in the module (`lru_cache`). */
  readonly attribute: string;
  /** The name it is bound to in `__main__` (`lru_cache`, or the `as` alias). */
  readonly alias: string;
  /** The from-import statement. */
  readonly statement: SyntaxNode;
}

/** The decorators modelled from their syntax, per module (compile-lru-cache.ts, compile-wraps.ts). */
const DECORATORS: Readonly<Record<string, readonly string[]>> = {
  functools: ['lru_cache', 'cache', 'wraps'],
};

/** The sys functions the compiler calls (Compiler.sysCall). */
const SYS_FUNCTIONS: ReadonlySet<string> = new Set([
  'getsizeof',
  'getrefcount',
  ...SYS_EXTRA_FUNCTIONS,
]);

/**
 * The statement's module and names, or null when it is not a from-import;
 * `undefined` names for a form refused (`*`, dotted or relative modules).
 */
export function parseFromImport(
  text: string,
): { module: string; names: { attribute: string; alias: string }[] | undefined } | null {
  const m = /^from\s+([\w.]+)\s+import\s+(.+)$/s.exec(text.replace(/\s+/g, ' ').trim());
  if (m === null) return null;
  const module = m[1]!;
  const list = m[2]!.replace(/^\(\s*/, '').replace(/\s*,?\s*\)$/, '');
  if (!/^\w+$/.test(module) || list.includes('*')) return { module, names: undefined };
  const names: { attribute: string; alias: string }[] = [];
  for (const part of list.split(',')) {
    const one = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part);
    if (one === null) return { module, names: undefined };
    names.push({ attribute: one[1]!, alias: one[2] ?? one[1]! });
  }
  return { module, names };
}

/**
 * True when `attribute` is a name the model knows `module` to have (functions,
 * decorators, values); the module's import ran already.
 */
export function knownAttribute(m: Machine, module: string, attribute: string): boolean {
  if (module === 'sys') return SYS_FUNCTIONS.has(attribute);
  const library = libraryModules().get(module);
  if (library === undefined) return false;
  if (Object.hasOwn(library.functions, attribute)) return true;
  if (DECORATORS[module]?.includes(attribute)) return true;
  if (module === 'collections' && attribute === 'defaultdict') return true;
  return hasValueAttribute(m, module, attribute);
}

/**
 * The from-imported name `node` (a VariableName) refers to in `scope`, or undefined
 * (another name, or a local or cell of the function shadows it).
 */
export function fromImportedName(
  c: Compiler,
  node: SyntaxNode | undefined,
  scope: Scope,
): FromImported | undefined {
  if (node?.name !== 'VariableName') return undefined;
  const name = c.text(node);
  const imported = c.fromImports.get(name);
  if (imported === undefined) return undefined;
  if (scope.locals?.has(name) || scope.cells?.has(name)) return undefined;
  return imported;
}

/** Wraps `inner` so that it first checks the alias is bound (NameError while it is not). */
export function boundAlias(m: Machine, imported: FromImported, inner: Expression): Expression {
  return (frame) => {
    if (!m.fromImported.has(imported.alias)) {
      throw contextError(
        m,
        'NameError',
        `name '${imported.alias}' is not defined`,
        imported.alias,
        0,
      );
    }
    return inner(frame);
  };
}

/**
 * A library decorator's parts, `@module.attribute(args)` or `@alias(args)` (the
 * argument list absent for a bare one), or undefined for any other decorator.
 */
export function libraryDecoratorParts(
  c: Compiler,
  decorator: SyntaxNode,
  scope: Scope,
): { module: string; attribute: string; argList: SyntaxNode | undefined } | undefined {
  const parts = c.kids(decorator).filter((k) => k.name !== 'At');
  const [first, second, third, fourth] = parts;
  const imported = fromImportedName(c, first, scope);
  if (imported !== undefined) {
    if (parts.length > 2 || (second !== undefined && second.name !== 'ArgList')) return undefined;
    return { module: imported.module, attribute: imported.attribute, argList: second };
  }
  if (first?.name !== 'VariableName' || second?.name !== '.' || third?.name !== 'VariableName')
    return undefined;
  if (parts.length > 4 || (fourth !== undefined && fourth.name !== 'ArgList')) return undefined;
  return { module: c.text(first), attribute: c.text(third), argList: fourth };
}

/**
 * Registers the aliases of the module's top-level from-imports (before the names
 * the module binds are collected) and refuses the forms the model does not take.
 */
export function collectFromImports(c: Compiler, statements: readonly SyntaxNode[]): void {
  for (const s of statements) {
    if (s.name !== 'ImportStatement') continue;
    const parsed = parseFromImport(c.text(s));
    if (parsed === null) continue;
    const { module, names } = parsed;
    if (names === undefined) throw c.fail(`this form of import (${c.text(s)})`, s);
    if (module === 'gc') throw c.fail('from gc import …', s);
    for (const { attribute, alias } of names) {
      if (c.fromImports.has(alias))
        throw c.fail(`binding the name '${alias}' by two from-imports`, s);
      c.fromImports.set(alias, { module, attribute, alias, statement: s });
    }
  }
}

/** Refuses a program that binds a from-imported name anywhere else (`assigned`: every other binding). */
export function checkFromImportsUnbound(c: Compiler, assigned: ReadonlySet<string>): void {
  for (const [alias, { statement }] of c.fromImports)
    if (assigned.has(alias))
      throw c.fail(`binding the from-imported name '${alias}' again`, statement);
}
