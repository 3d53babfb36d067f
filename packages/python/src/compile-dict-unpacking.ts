/**
 * A dict display with `**` items — `{**a}`, `{**a, **b}`, `{'k': 1, **a, 'j': 2}` — and
 * the dict operators `a | b`, `a |= b` (3.9+), as CPython builds them:
 *
 *   3.8    every group is made first — a run of `key: value` items as a dict of its
 *          own (BUILD_CONST_KEY_MAP / BUILD_MAP n), a `**` operand as it is — then
 *          BUILD_MAP_UNPACK: a new dict (PyDict_New), each group merged into it in
 *          order (PyDict_Update), the groups released last first
 *   3.9+   (compiler_dict) the first group is the dict when it is a run of items, else
 *          an empty dict comes first (BUILD_MAP 0); each `**` operand is evaluated and
 *          merged (DICT_UPDATE), then released; a later run of items is made as a dict
 *          of its own, merged and released
 *   a | b  (dict_or, 3.9+) PyDict_Copy(a), then b merged; `a |= b` merges into `a`
 *
 * A merge is dict_merge (heap.dictMerge: a clean table cloned into an empty dict where
 * the version does). Operands other than exact dicts are refused (their TypeError or
 * their `keys()` path are not modelled). Models compiler_dict (Python/compile.c),
 * BUILD_MAP_UNPACK / DICT_UPDATE (Python/ceval.c) and dict_or / dict_ior
 * (Objects/dictobject.c), 3.8–3.14.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Heap, ObjectHandle } from '@pymem/objects';
import type { Compiler, Scope } from './compiler.ts';
import { Unsupported } from './errors.ts';
import type { Expression } from './frame.ts';

/** One group of a dict display: a run of `key: value` items, or a `**` operand. */
type Group = { readonly kind: 'pairs' | 'unpack'; readonly make: Expression };

/** `{…, **x, …}` (see the module comment): a new reference to the dict. */
export function dictDisplayUnpacking(
  c: Compiler,
  parts: readonly SyntaxNode[],
  scope: Scope,
  node: SyntaxNode,
): Expression {
  const groups: Group[] = [];
  let run: SyntaxNode[] = [];
  const endRun = (): void => {
    if (run.length === 0) return;
    groups.push({ kind: 'pairs', make: c.dictPairs(run, scope, node) });
    run = [];
  };
  for (let i = 0; i < parts.length; ) {
    if (parts[i]!.name === '**') {
      endRun();
      const operand = parts[i + 1];
      if (operand === undefined) throw c.fail('this dict display', node);
      groups.push({ kind: 'unpack', make: c.expression(operand, scope) });
      i += 2;
    } else {
      run.push(...parts.slice(i, i + 3));
      i += 3;
    }
  }
  endRun();
  const heap = c.m.heap;
  if (c.m.minor < 9) {
    return (frame) => {
      const made: ObjectHandle[] = [];
      try {
        for (const g of groups) {
          const v = g.make(frame);
          made.push(v);
          if (g.kind === 'unpack') requireDict(heap, v);
        }
        const sum = heap.newDict();
        for (const v of made) heap.dictMerge(sum, v);
        return sum;
      } finally {
        for (let i = made.length - 1; i >= 0; i--) heap.decref(made[i]!);
      }
    };
  }
  return (frame) => {
    let d = groups[0]!.kind === 'pairs' ? groups[0]!.make(frame) : heap.newDict();
    try {
      for (const [i, g] of groups.entries()) {
        if (i === 0 && g.kind === 'pairs') continue;
        const v = g.make(frame);
        try {
          if (g.kind === 'unpack') requireDict(heap, v);
          heap.dictMerge(d, v);
        } finally {
          heap.decref(v);
        }
      }
    } catch (error) {
      heap.decref(d);
      d = 0;
      throw error;
    }
    return d;
  };
}

/**
 * `a | b` of two dicts (3.9+ dict_or): a copy of `a` with `b` merged; in place
 * (`inPlace`, dict_ior) `b` is merged into `a`, which is returned. A new reference.
 */
export function dictUnion(
  heap: Heap,
  a: ObjectHandle,
  b: ObjectHandle,
  inPlace: boolean,
): ObjectHandle {
  if (inPlace) {
    heap.dictMerge(a, b);
    heap.incref(a);
    return a;
  }
  const d = heap.dictCopy(a);
  try {
    heap.dictMerge(d, b);
  } catch (error) {
    heap.decref(d);
    throw error;
  }
  return d;
}

function requireDict(heap: Heap, v: ObjectHandle): void {
  if (heap.typeOf(v) !== 'dict')
    throw new Unsupported(`** of a ${heap.typeNameOf(v)} in a dict display`);
}
