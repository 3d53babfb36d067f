/**
 * The candidates of an uncaught NameError's "Did you mean" hint (name-suggestions.ts),
 * gathered where the name is loaded:
 *
 *   frame's names   3.10–3.12 co_varnames: the scope's parameters and plain locals (3.12
 *                   with its inlined comprehensions' variables; at module level only
 *                   those); 3.13 the locals bound when the error is raised (at module
 *                   level f_locals is the module's dict)
 *   module's names  the nine names every `__main__` starts with, then the program's in
 *                   the dict's order; names bound by `import` have no known place
 *   builtins        the builtins module's names in its dict's order (python-names.ts)
 *   self            3.12+: a method's `self` that has the attribute (its dict or its
 *                   class; a property would run code: refused)
 *
 * The frame's part and `self` are read when the error is raised, the module's names
 * when it is printed. Refused (no hint modelled, the run stops): a scope with cell
 * variables that may be parameters (3.10–3.12) or with any cell or free variable
 * (3.13: they are in f_locals when bound), a generator's frame, a class body (3.13:
 * its namespace is f_locals), the inside of an inlined comprehension, an unbound
 * `self` on 3.12, and 3.14 (not measured).
 */
import { classLookup } from './class-attributes.ts';
import { symbolsOf } from './compile-functions.ts';
import type { ScopeSymbols } from './compile-scopes.ts';
import type { Compiler, Scope } from './compiler.ts';
import type { Frame } from './frame.ts';
import type { Machine } from './machine.ts';
import { type Candidate, nameErrorHint } from './name-suggestions.ts';
import { BUILTINS_DICT_ORDER } from './python-names.ts';

/** The names of a `__main__` module before its first line, in its dict's order. */
const MODULE_PRELUDE: readonly string[] = [
  '__name__',
  '__doc__',
  '__package__',
  '__loader__',
  '__spec__',
  '__annotations__',
  '__builtins__',
  '__file__',
  '__cached__',
];

/** The variables of the comprehensions inlined into `symbols`' scope (3.12+). */
function inlinedVariables(symbols: ScopeSymbols): string[] {
  const names: string[] = [];
  const visit = (s: ScopeSymbols): void => {
    for (const child of s.children) {
      if (child.kind !== 'comprehension') continue;
      for (const name of child.locals) if (name !== '.0') names.push(name);
      visit(child);
    }
  };
  visit(symbols);
  return names;
}

/** The module's names now (see the module comment). */
function moduleCandidates(m: Machine): Candidate[] {
  const ordered = [...MODULE_PRELUDE, ...m.globals.names()].map((name) => ({
    name,
    ordered: true,
  }));
  const imported = [...m.importedModuleNames, ...m.fromImported].map((name) => ({
    name,
    ordered: false,
  }));
  return [...ordered, ...imported];
}

/** 3.12+: whether `self` has attribute `name`, or null when that would run code. */
function selfHas(m: Machine, self: number, name: string): boolean | null {
  const heap = m.heap;
  if (heap.typeOf(self) !== 'instance') return null;
  if (heap.getAttr(self, name) !== 0) return true;
  const cls = heap.classOf(self);
  if (classLookup(m, cls, '__getattr__') !== 0) return null;
  const found = classLookup(m, cls, name);
  if (found === 0) return false;
  return heap.typeOf(found) === 'property' ? null : true;
}

/**
 * For a load of a global or builtin name in `scope`: what makes a NameError's hint
 * when the name is unbound — called with the frame when the error is raised, it
 * returns the hint's maker (null from it: not modelled). Null when the scope is
 * refused outright.
 */
export function nameHintSite(
  c: Compiler,
  scope: Scope,
): ((frame: Frame, name: string) => () => string | null) | null {
  const m = c.m;
  const minor = m.minor;
  const builtins = BUILTINS_DICT_ORDER[minor];
  if (minor < 10 || builtins === undefined || scope.generator !== undefined) return null;
  if (scope.inlinedComprehension === true || scope.classBody === true) return null;
  const builtinCandidates = builtins.map((name) => ({ name, ordered: true }));
  const atModule = scope.locals === null;
  const symbols = atModule ? undefined : scope.symbols;
  if (!atModule && symbols === undefined) return null;
  const cells = scope.cells ?? new Map<string, number>();
  if (minor >= 13 ? cells.size > 0 : [...cells.keys()].some((n) => symbols?.locals.has(n)))
    return null;
  const locals = [...(scope.locals ?? new Map<string, number>())];
  let hidden: string[] = [];
  if (minor === 12) {
    try {
      hidden = inlinedVariables(symbols ?? symbolsOf(c, c.source.root));
    } catch {
      return null;
    }
  }
  const selfSlot = scope.locals?.get('self');
  return (frame, name) => {
    let self: boolean | null = null;
    if (minor >= 12 && selfSlot !== undefined) {
      const value = frame.locals[selfSlot] ?? 0;
      if (value === 0 && minor === 12) return () => null;
      if (value !== 0) {
        self = selfHas(m, value, name);
        if (self === null) return () => null;
      }
    }
    // The frame's names as they are now (3.13: only the bound ones).
    const frameNames: Candidate[] =
      minor >= 13
        ? locals
            .filter(([, slot]) => (frame.locals[slot] ?? 0) !== 0)
            .map(([n]) => ({ name: n, ordered: false }))
        : [...locals.map(([n]) => n), ...hidden].map((n) => ({ name: n, ordered: false }));
    return () => {
      const module = moduleCandidates(m);
      const tiers =
        minor >= 13
          ? [[...(atModule ? module : frameNames), ...module, ...builtinCandidates]]
          : [frameNames, module, builtinCandidates];
      return nameErrorHint(minor, name, { tiers, selfHas: self });
    };
  };
}
