/**
 * Parameter and return annotations of a `def`: MAKE_FUNCTION's annotations argument,
 * evaluated after the defaults and keyword-only defaults and before the closure tuple.
 *
 *   3.8/3.9    each annotation's value, then BUILD_CONST_KEY_MAP with the names'
 *              constant tuple: a presized dict, which the function keeps as
 *              `__annotations__`
 *   3.10–3.13  BUILD_TUPLE of (name, value) pairs — one constant tuple when every
 *              value is a constant (the compiler folds it) — which the function keeps
 *              until `__annotations__` is first read (func_get_annotation_dict: a new
 *              dict, the pairs set in order, the tuple released; @pymem/objects)
 *   3.14       an `__annotate__` function instead (PEP 649): refused, not measured
 *
 * The order is CPython's (compiler_visit_annotations): the positional parameters, `*args`,
 * the keyword-only parameters, `**kwargs`, then `return`. A value may be a constant (a
 * quoted name, None), the name of a builtin type (its static type object, shared), or a
 * module-level name (a class of the program); names of the enclosing function's locals or
 * of the class body (a method's annotations are read in the class namespace), and any
 * other expression (`list[int]` makes a GenericAlias), are refused.
 * Models compiler_visit_annotations (Python/compile.c), BUILD_CONST_KEY_MAP / BUILD_TUPLE
 * and MAKE_FUNCTION (Python/ceval.c), 3.8–3.13.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ObjectHandle } from '@pymem/objects';
import { TYPE_NAMES } from './builtins.ts';
import type { Compiler, Scope } from './compiler.ts';
import type { Constant } from './constants.ts';
import type { Expression } from './frame.ts';
import { untrackIfAtomic } from './tuple-tracking.ts';

/** One annotation: the name it is stored under (a parameter's, or `return`) and its expression. */
export type Annotation = readonly [name: string, value: SyntaxNode];

/** Builtin types an annotation may name besides isinstance's (their static type objects). */
const MORE_ANNOTATION_TYPES: ReadonlySet<string> = new Set(['complex', 'bytes', 'object', 'type']);

/** The expression of a TypeDef node (`: int` of a parameter, `-> int` of a def). */
export function typeDefExpression(c: Compiler, typeDef: SyntaxNode): SyntaxNode {
  const parts = c.kids(typeDef).filter((k) => k.name !== ':' && k.name !== '->');
  if (parts.length !== 1) throw c.fail('this annotation', typeDef);
  return parts[0]!;
}

/** A def's return annotation (`-> T`), if it has one. */
export function returnAnnotation(c: Compiler, def: SyntaxNode): Annotation | undefined {
  const typeDef = c.kids(def).find((k) => k.name === 'TypeDef');
  return typeDef === undefined ? undefined : ['return', typeDefExpression(c, typeDef)];
}

/**
 * MAKE_FUNCTION's annotations argument for `annotations` (in CPython's order), or null
 * when there are none. `scope` is where the def runs; `classNames` are the names a class
 * body binds (a method's annotations would read them first).
 */
export function annotationsArgument(
  c: Compiler,
  annotations: readonly Annotation[],
  scope: Scope,
  node: SyntaxNode,
  classNames: ReadonlySet<string> = new Set(),
): Expression | null {
  if (annotations.length === 0) return null;
  const m = c.m;
  const heap = m.heap;
  if (m.minor >= 14)
    throw c.fail(`annotations on 3.${m.minor} (an __annotate__ function, not measured)`, node);
  const names = annotations.map(([name]) => c.pool.handle({ kind: 'str', value: name }));
  const constants = annotations.map(([, value]) => c.constant(value));
  if (m.minor >= 10 && constants.every((k) => k !== undefined)) {
    const items: Constant[] = annotations.flatMap(([name], i) => [
      { kind: 'str', value: name } satisfies Constant,
      constants[i]!,
    ]);
    return c.constantExpression({ kind: 'tuple', items });
  }
  const values = annotations.map(([, value]) => annotationValue(c, value, scope, classNames));
  return (frame) => {
    const vs: ObjectHandle[] = [];
    try {
      for (const v of values) vs.push(v(frame));
      if (m.minor < 10) {
        const d = heap.newDictPresized(names.length, true);
        for (let i = 0; i < names.length; i++) heap.dictSetItem(d, names[i]!, vs[i]!);
        return d;
      }
      const pairs: ObjectHandle[] = [];
      for (let i = 0; i < names.length; i++) pairs.push(names[i]!, vs[i]!);
      const t = heap.newTuple(pairs);
      untrackIfAtomic(m, t);
      return t;
    } finally {
      for (const v of vs) heap.decref(v);
    }
  };
}

/** One annotation's value as the def evaluates it (see the module comment): a new reference. */
function annotationValue(
  c: Compiler,
  node: SyntaxNode,
  scope: Scope,
  classNames: ReadonlySet<string>,
): Expression {
  const constant = c.constant(node);
  if (constant !== undefined) return c.constantExpression(constant);
  if (node.name !== 'VariableName') throw c.fail('this annotation (an expression)', node);
  const name = c.text(node);
  if (scope.locals?.has(name) || scope.cells?.has(name) || classNames.has(name))
    throw c.fail(`an annotation naming the local '${name}'`, node);
  if (c.moduleAssigned.has(name) || c.fromImports.has(name)) return c.load(node, scope);
  // Read when compiling, not at load: an import cycle loads this module before builtins.ts.
  if (TYPE_NAMES.has(name) || MORE_ANNOTATION_TYPES.has(name)) {
    const heap = c.m.heap;
    return () => heap.builtinObject(name, 'type');
  }
  throw c.fail(`an annotation naming '${name}'`, node);
}
