/**
 * The scope analysis against what CPython's symbol table reports for the same code
 * (`co_cellvars` / `co_freevars`, measured with `f.__code__` on 3.8.18 … 3.13.0).
 */

import { Heap } from '@pymem/objects';
import { describe, expect, it } from 'vitest';
import { analyseScopes, type ScopeSymbols } from './compile-scopes.ts';
import { Compiler } from './compiler.ts';
import { Machine } from './machine.ts';
import { Source } from './source.ts';

/** The analysed scopes of `program`, by the name of the function each belongs to. */
function scopes(program: string, inline: boolean): Map<string, ScopeSymbols> {
  const source = new Source(program);
  const compiler = new Compiler(source, new Machine(new Heap({ profile: '3.12' }), 10));
  const byName = new Map<string, ScopeSymbols>();
  for (const s of analyseScopes(compiler, source.root, inline).values()) {
    const nameNode = s.node.getChild('VariableName');
    const name =
      s.kind === 'module'
        ? '<module>'
        : s.node.name === 'FunctionDefinition' && nameNode !== null
          ? compiler.text(nameNode)
          : s.node.name;
    byName.set(name, s);
  }
  return byName;
}

const sorted = (names: Set<string>): string[] => [...names].sort();

describe('analyseScopes', () => {
  it('makes a captured local a cell and passes free variables through', () => {
    const program = [
      'def a(p):',
      '    q = 1',
      '    def b():',
      '        def c():',
      '            return p + q',
      '        return c',
      '    return b',
    ].join('\n');
    const s = scopes(program, false);
    expect(sorted(s.get('a')!.cells)).toEqual(['p', 'q']);
    expect(sorted(s.get('b')!.frees)).toEqual(['p', 'q']);
    expect(sorted(s.get('c')!.frees)).toEqual(['p', 'q']);
    expect(s.get('<module>')!.cells.size + s.get('<module>')!.frees.size).toBe(0);
  });

  it('keeps global, nonlocal and keyword-argument names apart', () => {
    const program = [
      'def a():',
      '    n = 0',
      '    g = 0',
      '    def b():',
      '        nonlocal n',
      '        global g',
      '        n = g',
      '        return f(g=1)',
      '    return b',
    ].join('\n');
    const s = scopes(program, false);
    expect(sorted(s.get('a')!.cells)).toEqual(['n']);
    expect(sorted(s.get('b')!.frees)).toEqual(['n']);
    expect(s.get('b')!.locals.has('n')).toBe(false);
  });

  it('makes cells for comprehensions before 3.12 only (PEP 709)', () => {
    const program = 'def f(k):\n    return [x * k for x in range(3)]\n';
    expect(sorted(scopes(program, false).get('f')!.cells)).toEqual(['k']);
    expect(sorted(scopes(program, true).get('f')!.cells)).toEqual([]);
    // The first iterable belongs to the enclosing scope.
    const first = 'def f(k):\n    return [x for x in k]\n';
    expect(sorted(scopes(first, false).get('f')!.cells)).toEqual([]);
  });

  it('refuses a nonlocal with no enclosing binding (a SyntaxError)', () => {
    expect(() => scopes('def f():\n    nonlocal x\n', false)).toThrow(/nonlocal 'x'/);
  });
});
