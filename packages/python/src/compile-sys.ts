/**
 * The `sys` functions and attributes beyond `getsizeof` / `getrefcount`:
 *
 *   sys.intern(s)            sys_intern_impl: the interned str with s's text (s itself
 *                            when none is); the caller's s is released as an argument
 *   sys.version_info OP t    tuple comparison of (3, minor, micro, 'final', 0) with a
 *                            tuple of ints (tuplerichcompare; no object is made)
 *   sys.version_info[i]      i = 0 or 1 (and -5, -4): a small int; .major, .minor too
 *   sys._debugmallocstats()  writes the model's pymalloc statistics to stderr (CPython
 *                            writes its own there); returns None; stdout is untouched
 *   sys.getallocatedblocks() refused: CPython's count includes every block made at
 *                            start-up, which the model does not hold
 *
 * What the model cannot vouch for is refused: `sys.intern` of a str made at run time
 * whose text is made only of name characters (the interpreter interned thousands of
 * such names at start-up; whether the text is one of them is not the model's to know),
 * anything that reads the micro version, releaselevel or serial (the model is of a
 * minor version, not a patch release), and `sys.version_info` as a value (its struct
 * sequence object is not modelled).
 *
 * Models sys_intern_impl, sys__debugmallocstats_impl and the version_info struct
 * sequence (Python/sysmodule.c, Objects/structseq.c), 3.8–3.14.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { collectMallocStats, formatMallocStats } from '@pymem/obmalloc';
import type { Compiler, Scope } from './compiler.ts';
import { pythonErrorOf } from './compiler.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { Expression } from './frame.ts';
import type { Machine } from './machine.ts';

/** The `sys` functions this file compiles. */
export const SYS_EXTRA_FUNCTIONS: ReadonlySet<string> = new Set([
  'intern',
  '_debugmallocstats',
  'getallocatedblocks',
]);

/** A text the interpreter may have interned at start-up: only name characters (all_name_chars). */
const NAME_CHARACTERS = /^[A-Za-z0-9_]+$/;

/** `sys.intern(s)`, `sys._debugmallocstats()`; `sys.getallocatedblocks()` is refused. */
export function sysExtraCall(
  c: Compiler,
  method: string,
  args: Expression[],
  node: SyntaxNode,
): Expression {
  const m = c.m;
  const heap = m.heap;
  if (method === 'getallocatedblocks')
    throw c.fail('sys.getallocatedblocks (CPython counts the blocks of its start-up)', node);
  const arity = method === 'intern' ? 1 : 0;
  if (args.length !== arity) throw c.fail(`sys.${method} with ${args.length} arguments`, node);
  return (frame) => {
    if (!m.modules.has('sys')) throw new Unsupported(`sys.${method} before the import ran`);
    if (method === '_debugmallocstats') {
      m.err.push(formatMallocStats(collectMallocStats(heap.obmalloc)));
      return heap.newNone();
    }
    const s = args[0]!(frame);
    try {
      if (heap.typeOf(s) !== 'str')
        throw new PythonError(
          'TypeError',
          `intern() argument must be str, not ${heap.typeNameOf(s)}`,
        );
      const text = heap.valueOf(s) as string;
      if (
        !heap.isInterned(s) &&
        !m.constants.has(s) &&
        text.length > 1 &&
        NAME_CHARACTERS.test(text)
      )
        throw new Unsupported(
          'sys.intern of a str of name characters made at run time (start-up may have interned its text)',
        );
      return heap.intern(s);
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      heap.decref(s);
    }
  };
}

/** True when `node` is `sys.<attribute>` with `sys` the imported module. */
export function isSysAttribute(
  c: Compiler,
  node: SyntaxNode | undefined,
  attribute: string,
  scope: Scope,
): boolean {
  if (node?.name !== 'MemberExpression') return false;
  const [target, dot, name] = c.kids(node);
  return (
    target?.name === 'VariableName' &&
    c.text(target) === 'sys' &&
    dot?.name === '.' &&
    name !== undefined &&
    c.text(name) === attribute &&
    c.moduleAssigned.has('sys') &&
    !(scope.locals?.has('sys') ?? false)
  );
}

/** The fields of version_info the model knows: major and minor. */
function versionFields(m: Machine): readonly bigint[] {
  return [3n, BigInt(m.minor)];
}

/** `sys.version_info OP right` for a tuple of ints `right`: a new bool. */
export function versionInfoComparison(
  c: Compiler,
  op: string,
  right: SyntaxNode,
  scope: Scope,
  node: SyntaxNode,
): Expression {
  if (!['==', '!=', '<', '<=', '>', '>='].includes(op))
    throw c.fail(`sys.version_info ${op} …`, node);
  const m = c.m;
  const heap = m.heap;
  const value = c.expression(right, scope);
  return (frame) => {
    if (!m.modules.has('sys')) throw new Unsupported('sys.version_info before the import ran');
    const t = value(frame);
    try {
      if (heap.typeOf(t) !== 'tuple')
        throw new Unsupported('sys.version_info compared with other than a tuple');
      const items = heap.referents(t);
      const known = versionFields(m);
      // tuplerichcompare: the first differing item decides; else the lengths (5 vs n).
      for (let i = 0; i < items.length; i++) {
        if (i >= known.length)
          throw new Unsupported('sys.version_info compared past its minor version');
        const item = items[i]!;
        const type = heap.typeOf(item);
        if (type !== 'int' && type !== 'bool')
          throw new Unsupported('sys.version_info compared with a tuple of other than ints');
        const v = heap.valueOf(item) as bigint;
        if (v !== known[i]) return heap.newBool(decide(op, known[i]! < v ? -1 : 1));
      }
      // Every item of the shorter right tuple is equal: version_info (5 items) is longer.
      return heap.newBool(decide(op, 1));
    } catch (error) {
      throw pythonErrorOf(error);
    } finally {
      heap.decref(t);
    }
  };
}

/** The outcome of `op` when the left side orders `sign` (−1 less, 1 greater) than the right. */
function decide(op: string, sign: number): boolean {
  switch (op) {
    case '==':
      return false;
    case '!=':
      return true;
    case '<':
    case '<=':
      return sign < 0;
    default:
      return sign > 0;
  }
}

/** `sys.version_info[i]` (a constant int index) or `sys.version_info.major/minor`: a new int. */
export function versionInfoItem(c: Compiler, field: number, node: SyntaxNode): Expression {
  const m = c.m;
  if (field < 0 || field > 1)
    throw c.fail('sys.version_info fields other than major and minor', node);
  return (): ObjectHandle => {
    if (!m.modules.has('sys')) throw new Unsupported('sys.version_info before the import ran');
    return m.heap.newInt(versionFields(m)[field]!);
  };
}

/** `sys.version_info[...]` / `sys.version_info.<name>` when `node` is one; else undefined. */
export function versionInfoMember(
  c: Compiler,
  node: SyntaxNode,
  scope: Scope,
): Expression | undefined {
  const parts = c.kids(node);
  if (!isSysAttribute(c, parts[0], 'version_info', scope)) return undefined;
  if (parts[1]?.name === '.') {
    const name = c.text(parts[2]!);
    const field = ['major', 'minor'].indexOf(name);
    if (field < 0) throw c.fail(`sys.version_info.${name}`, node);
    return versionInfoItem(c, field, node);
  }
  const inner = parts.slice(2, -1);
  const key = inner.length === 1 ? c.constant(inner[0]!) : undefined;
  if (key?.kind !== 'int') throw c.fail('this subscript of sys.version_info', node);
  const index = Number(key.value < 0n ? key.value + 5n : key.value);
  return versionInfoItem(c, index, node);
}
