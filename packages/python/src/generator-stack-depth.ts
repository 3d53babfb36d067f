/**
 * `co_stacksize` of a generator's code, per version: the deepest the value stack gets
 * while its body runs. It decides the generator's size on 3.11+ (the frame lives in
 * the generator block: specials + one word per local and per stack slot) and the frame
 * object's on 3.8–3.10, so the model must know it exactly or refuse the generator.
 *
 *   depth(expression)  slots needed to evaluate it, its value left on the stack (≥ 1)
 *   depth(statement)   slots needed to run it, nothing left (≥ 0)
 *
 * The rules, from each version's Python/compile.c (stackdepth over the emitted
 * instructions) and measured with `f.__code__.co_stacksize` on 3.8.18–3.13.0 and
 * Pyodide's 3.14.2 (the same as 3.13's but for dict displays: 3.14 has no
 * BUILD_CONST_KEY_MAP):
 *   - a binary operation, subscript or comparison: max(depth(a), 1 + depth(b));
 *   - a call of a name: the callable takes 1 slot (3.8–3.10) or 2 (3.11+: the NULL of
 *     PUSH_NULL / LOAD_GLOBAL), a method call 2 (LOAD_METHOD / LOAD_ATTR), then one
 *     slot per argument; keyword names take one more on 3.8–3.10 (CALL_FUNCTION_KW's
 *     tuple) and on 3.13 (the names tuple loaded before CALL_KW);
 *   - `for`: the iterator stays on the stack under the body (1 + depth(body)), the
 *     item FOR_ITER pushes is stored at once (1 + 1, or 1 + n for `a, b` targets);
 *   - `yield from`: the iterator and the value sent (2); 3.12+ one more for the
 *     exception handler around SEND (CLEANUP_THROW takes three);
 *   - 3.12+ a generator's body sits in a handler that turns StopIteration into
 *     RuntimeError: its entry needs 2 slots, so no generator needs fewer.
 * Constructs outside these rules make `undefined`: the caller refuses the generator.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Compiler } from './compiler.ts';

/** A stack depth, or undefined where the rules above do not cover the construct. */
type Depth = number | undefined;

function maxOf(...depths: Depth[]): Depth {
  let out = 0;
  for (const d of depths) {
    if (d === undefined) return undefined;
    out = Math.max(out, d);
  }
  return out;
}

/** Values pushed one after the other: the i-th sits on i earlier ones. */
function sequence(depths: Depth[]): Depth {
  return maxOf(...depths.map((d, i) => (d === undefined ? undefined : i + d)), depths.length);
}

/** Computes depths for one version. */
export class StackDepth {
  private readonly c: Compiler;
  private readonly minor: number;

  constructor(c: Compiler) {
    this.c = c;
    this.minor = c.m.minor;
  }

  /** The smallest co_stacksize of any generator (3.12+: the StopIteration handler). */
  get generatorMinimum(): number {
    return this.minor >= 12 ? 2 : 1;
  }

  /** Slots `yield from` needs beyond its iterable. */
  get yieldFromDepth(): number {
    return this.minor >= 12 ? 3 : 2;
  }

  /** depth of a list of statements. */
  block(statements: readonly SyntaxNode[]): Depth {
    return maxOf(
      0,
      ...statements
        .filter((s) => s.name !== ':' && s.name !== 'Comment')
        .map((s) => this.statement(s)),
    );
  }

  private body(node: SyntaxNode | undefined): Depth {
    return node === undefined ? undefined : this.block(this.c.kids(node).slice(1));
  }

  /** depth of one statement. */
  statement(node: SyntaxNode): Depth {
    const c = this.c;
    const parts = c.kids(node);
    switch (node.name) {
      case 'PassStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'ScopeStatement':
        return 0;
      case 'ExpressionStatement':
        return parts[0] === undefined || c.constant(parts[0]) !== undefined
          ? 0
          : this.expression(parts[0]);
      case 'YieldStatement':
        return this.yieldDepth(node);
      case 'ReturnStatement':
        return parts.length === 1 ? 1 : this.group(parts.slice(1));
      case 'RaiseStatement': {
        // `raise` / `raise X` / `raise X from Y`: X, then Y above it (RAISE_VARARGS).
        const [, exc, from, cause] = parts;
        if (exc === undefined) return 0;
        if (from === undefined) return this.expression(exc);
        if (cause === undefined) return undefined;
        const y = this.expression(cause);
        return maxOf(this.expression(exc), y === undefined ? undefined : 1 + y);
      }
      case 'AssignStatement':
        return this.assignment(node);
      case 'UpdateStatement': {
        const [target, , value] = parts;
        if (target === undefined || value === undefined) return undefined;
        const v = this.expression(value);
        if (v === undefined) return undefined;
        if (target.name === 'VariableName') return 1 + v;
        // `a[k] += v`: a, k, a copy of both (DUP_TOP_TWO / COPY 2 twice), a[k], then v.
        const subscript = this.subscriptParts(target);
        if (subscript === undefined) return undefined;
        const [container, key] = subscript;
        return maxOf(container, key === undefined ? undefined : 1 + key, 4, 3 + v);
      }
      case 'DeleteStatement':
        return parts.slice(1).every((p) => p.name === 'VariableName' || p.name === ',')
          ? 0
          : undefined;
      case 'IfStatement': {
        const depths: Depth[] = [];
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i]!;
          if (p.name === 'if' || p.name === 'elif') {
            depths.push(this.condition(parts[i + 1]!), this.body(parts[i + 2]));
            i += 2;
          } else if (p.name === 'else') {
            depths.push(this.body(parts[i + 1]));
            i += 1;
          }
        }
        return maxOf(...depths);
      }
      case 'WhileStatement': {
        const elseAt = parts.findIndex((p) => p.name === 'else');
        return maxOf(
          this.condition(parts[1]!),
          this.body(parts[2]),
          elseAt < 0 ? 0 : this.body(parts[elseAt + 1]),
        );
      }
      case 'ForStatement': {
        const inAt = parts.findIndex((p) => p.name === 'in');
        const elseAt = parts.findIndex((p) => p.name === 'else');
        const target = this.targetWidth(parts.slice(1, inAt));
        const inner = maxOf(target, this.body(parts[inAt + 2]));
        return maxOf(
          this.iterable(parts[inAt + 1]!),
          inner === undefined ? undefined : 1 + inner,
          elseAt < 0 ? 0 : this.body(parts[elseAt + 1]),
        );
      }
      case 'StatementGroup':
        return this.block(parts.filter((k) => k.name !== ';'));
      default:
        return undefined;
    }
  }

  /** A `for` loop's iterable: a display of constants is one constant (fold_iter). */
  iterable(node: SyntaxNode): Depth {
    return this.c.iterableConstant(node) !== undefined ? 1 : this.expression(node);
  }

  /** Slots an assignment target's store needs: 1 for a name, n for `a, b, …` of names. */
  targetWidth(group: readonly SyntaxNode[]): Depth {
    const items = group.filter((k) => k.name !== ',');
    if (items.length === 1 && !group.some((k) => k.name === ',')) {
      const only = items[0]!;
      if (only.name === 'VariableName') return 1;
      if (only.name === 'TupleExpression' || only.name === 'ArrayExpression')
        return this.targetWidth(
          this.c.kids(only).filter((k) => !['(', ')', '[', ']'].includes(k.name)),
        );
      return undefined;
    }
    return items.every((i) => i.name === 'VariableName') ? items.length : undefined;
  }

  private assignment(node: SyntaxNode): Depth {
    const groups = this.c.assignGroups(node);
    const valueGroup = groups.pop()!;
    const values = valueGroup.filter((k) => k.name !== ',');
    const value =
      values.length === 1 && values[0]!.name === 'YieldExpression'
        ? this.yieldDepth(values[0]!)
        : undefined;
    if (groups.length > 1) {
      // `x = y = v`: the value, copied (DUP_TOP / COPY 1) for every target but the last.
      if (!groups.every((g) => g.length === 1 && g[0]!.name === 'VariableName')) return undefined;
      return maxOf(value ?? this.group(valueGroup), 2);
    }
    const only = groups[0]!;
    if (only.length === 1 && only[0]!.name === 'MemberExpression') {
      // `a[k] = v`: v, then a, then k (STORE_SUBSCR).
      const subscript = this.subscriptParts(only[0]!);
      if (subscript === undefined) return undefined;
      const [container, key] = subscript;
      return maxOf(
        value ?? this.group(valueGroup),
        container === undefined ? undefined : 1 + container,
        key === undefined ? undefined : 2 + key,
      );
    }
    const width = this.targetWidth(only);
    if (width === undefined) return undefined;
    if (value !== undefined) return maxOf(value, width);
    // `a, b = x, y` (two or three values): evaluated one after the other, then swapped.
    if (
      width > 1 &&
      valueGroup.some((k) => k.name === ',') &&
      values.length === width &&
      width <= 3 &&
      values.some((v) => this.c.constant(v) === undefined)
    )
      return sequence(values.map((v) => this.expression(v)));
    return maxOf(this.group(valueGroup), width);
  }

  private group(group: readonly SyntaxNode[]): Depth {
    const items = group.filter((k) => k.name !== ',');
    if (items.length === 1 && !group.some((k) => k.name === ',')) return this.expression(items[0]!);
    return this.tuple(items);
  }

  private tuple(items: readonly SyntaxNode[]): Depth {
    if (items.every((i) => this.c.constant(i) !== undefined)) return 1;
    return sequence(items.map((i) => this.expression(i)));
  }

  /**
   * A test in `if` / `while`: compiled as jumps (compiler_jump_if), so `a and b` needs
   * only its operands' depths, without the copy its value needs on 3.12+.
   */
  condition(node: SyntaxNode): Depth {
    const c = this.c;
    if (c.constant(node) !== undefined) return 0;
    const parts = c.kids(node);
    if (node.name === 'BinaryExpression' && isBoolean(c, node))
      return maxOf(this.condition(parts[0]!), this.condition(parts[parts.length - 1]!));
    if (node.name === 'UnaryExpression' && c.text(parts[0]!) === 'not')
      return this.condition(parts[1]!);
    if (node.name === 'ParenthesizedExpression' && parts.length === 3)
      return this.condition(parts[1]!);
    return this.expression(node);
  }

  /** The depths of `a` and `k` in `a[k]` (undefined: not a plain subscript). */
  private subscriptParts(node: SyntaxNode): [Depth, Depth] | undefined {
    const parts = this.c.kids(node);
    if (parts[1]?.name !== '[' || parts.length !== 4) return undefined;
    if (parts[2]!.name === ':') return undefined;
    return [this.expression(parts[0]!), this.expression(parts[2]!)];
  }

  /** `yield`, `yield v`, `yield from v` (a statement or an assignment's value). */
  yieldDepth(node: SyntaxNode): Depth {
    const parts = this.c.kids(node).filter((k) => k.name !== 'yield' && !k.type.isError);
    if (parts[0]?.name === 'from') {
      const v = this.expression(parts[1]!);
      return maxOf(v, this.yieldFromDepth);
    }
    return parts.length === 0 ? 1 : this.group(parts);
  }

  /** depth of an expression (its value left on the stack). */
  expression(node: SyntaxNode): Depth {
    const c = this.c;
    if (c.constant(node) !== undefined) return 1;
    const parts = c.kids(node);
    switch (node.name) {
      case 'VariableName':
        return 1;
      case 'ParenthesizedExpression':
        return parts.length === 3 ? this.expression(parts[1]!) : undefined;
      case 'TupleExpression':
        return this.tuple(parts.filter((k) => !['(', ')', ','].includes(k.name)));
      case 'ArrayExpression':
      case 'SetExpression': {
        const items = parts.filter((k) => !['[', ']', '{', '}', ','].includes(k.name));
        if (items.some((i) => i.name === '*')) return undefined;
        if (this.minor >= 9 && items.length > 2 && items.every((i) => c.constant(i) !== undefined))
          return 2;
        return items.length === 0 ? 1 : sequence(items.map((i) => this.expression(i)));
      }
      case 'DictionaryExpression': {
        const items = parts.filter((k) => !['{', '}', ','].includes(k.name));
        if (items.some((k) => k.name === '**')) return undefined;
        const keys = items.filter((_, i) => i % 3 === 0);
        const values = items.filter((_, i) => i % 3 === 2);
        if (keys.length === 0) return 1;
        // BUILD_CONST_KEY_MAP (3.8–3.13): the values, then the keys' tuple; BUILD_MAP
        // (3.14 has no other): key, value pairs.
        if (this.minor <= 13 && keys.length > 1 && keys.every((k) => c.constant(k) !== undefined))
          return maxOf(sequence(values.map((v) => this.expression(v))), values.length + 1);
        return sequence(keys.flatMap((k, i) => [this.expression(k), this.expression(values[i]!)]));
      }
      case 'UnaryExpression':
        return this.expression(parts[1]!);
      case 'BinaryExpression': {
        if (isBoolean(c, node)) {
          // JUMP_IF_FALSE_OR_POP (3.8–3.11); 3.12+ COPY 1 + POP_JUMP_IF_FALSE + POP_TOP.
          const a = this.expression(parts[0]!);
          const b = this.expression(parts[parts.length - 1]!);
          return maxOf(a, b, this.minor >= 12 ? 2 : 1);
        }
        const left = parts[0]!;
        if (left.name === 'BinaryExpression' && isComparison(c, left) && isComparison(c, node))
          return this.chain(node);
        const ops = parts.slice(1, -1).map((p) => c.text(p));
        const right = parts[parts.length - 1]!;
        const b =
          ops.at(-1) === 'in' && c.iterableConstant(right) !== undefined
            ? 1
            : this.expression(right);
        const a = this.expression(left);
        return maxOf(a, b === undefined ? undefined : 1 + b);
      }
      case 'ConditionalExpression': {
        const [then, , test, , otherwise] = parts;
        return maxOf(this.condition(test!), this.expression(then!), this.expression(otherwise!));
      }
      case 'MemberExpression': {
        if (parts[1]?.name === '.' && parts[0]?.name === 'CallExpression')
          return c.text(parts[2]!) === '__name__' ? this.call(parts[0]) : undefined;
        // `o.name`: LOAD_ATTR replaces the object with the attribute.
        if (parts[1]?.name === '.' && parts.length === 3) return this.expression(parts[0]!);
        if (parts[1]?.name !== '[') return undefined;
        const inner = parts.slice(2, -1);
        if (inner.some((p) => p.name === ':')) {
          // `a[i:j]`: a, i, j (None for a missing bound): BUILD_SLICE 2 / BINARY_SLICE.
          const bounds: Depth[] = [1, 1];
          let at = 0;
          for (const p of inner) {
            if (p.name === ':') at++;
            else if (at > 1) return undefined;
            else bounds[at] = this.expression(p);
          }
          return sequence([this.expression(parts[0]!), ...bounds]);
        }
        // `a[i, j]`: the key is the tuple of the items.
        const k =
          inner.length === 1
            ? this.expression(inner[0]!)
            : this.tuple(inner.filter((p) => p.name !== ','));
        return maxOf(this.expression(parts[0]!), k === undefined ? undefined : 1 + k);
      }
      case 'CallExpression':
        return this.call(node);
      case 'FormatString': {
        const pieces = c.source.formatParts(node).map((part): Depth => {
          if (typeof part === 'string') return 1;
          const inner = c.kids(part).filter((k) => k.name !== '{' && k.name !== '}');
          return inner.length === 0 ? undefined : this.expression(inner[0]!);
        });
        return pieces.length === 1 ? pieces[0] : sequence(pieces);
      }
      default:
        return undefined;
    }
  }

  /** `a < b < c`: each middle operand copied and rotated under its comparison's result. */
  private chain(node: SyntaxNode): Depth {
    const c = this.c;
    const operands: SyntaxNode[] = [];
    let at = node;
    while (at.name === 'BinaryExpression' && isComparison(c, at)) {
      const parts = c.kids(at);
      operands.unshift(parts[parts.length - 1]!);
      at = parts[0]!;
    }
    operands.unshift(at);
    const depths = operands.map((o, i) => {
      const d = this.expression(o);
      return d === undefined ? undefined : (i === 0 ? 0 : 1) + d;
    });
    return maxOf(...depths, 3);
  }

  /**
   * A generator expression passed as a call's argument, on top of `below` slots:
   * MAKE_FUNCTION (3.8–3.10 with the qualname: 2 slots), the outermost iterable, GET_ITER.
   */
  private genexpArgument(argList: SyntaxNode): Depth {
    const c = this.c;
    const kids = c.kids(argList);
    const inAt = kids.findIndex((k) => k.name === 'in');
    if (inAt < 0 || kids[inAt + 1] === undefined) return undefined;
    const iterable = this.iterable(kids[inAt + 1]!);
    return maxOf(this.minor <= 10 ? 2 : 1, iterable === undefined ? undefined : 1 + iterable);
  }

  private call(node: SyntaxNode): Depth {
    const c = this.c;
    const [callee, argList] = c.kids(node);
    if (callee === undefined || argList === undefined) return undefined;
    const items = c.kids(argList).filter((k) => !['(', ')', ','].includes(k.name));
    if (items.some((k) => k.name === '*' || k.name === '**')) return undefined;
    const genexp = items.some((k) => k.name === 'for');
    const args: Depth[] = [];
    let keywords = 0;
    if (genexp) args.push(this.genexpArgument(argList));
    else
      for (let i = 0; i < items.length; i++) {
        if (items[i + 1]?.name === 'AssignOp') {
          args.push(this.expression(items[i + 2]!));
          keywords++;
          i += 2;
        } else args.push(this.expression(items[i]!));
      }
    let base: Depth;
    if (callee.name === 'VariableName') base = this.minor >= 11 ? 2 : 1;
    else if (callee.name === 'MemberExpression' && c.kids(callee)[1]?.name === '.') {
      const receiver = this.expression(c.kids(callee)[0]!);
      if (receiver === undefined) return undefined;
      if (receiver > 1) return undefined;
      base = 2;
    } else return undefined;
    const namesTuple = keywords > 0 && (this.minor <= 10 || this.minor >= 13) ? 1 : 0;
    const pushed = args.map((d, i) => (d === undefined ? undefined : base + i + d));
    return maxOf(base, ...pushed, base + args.length + namesTuple);
  }
}

function isBoolean(c: Compiler, node: SyntaxNode): boolean {
  const ops = c
    .kids(node)
    .slice(1, -1)
    .map((p) => c.text(p))
    .join(' ');
  return ops === 'and' || ops === 'or';
}

function isComparison(c: Compiler, node: SyntaxNode): boolean {
  return c
    .kids(node)
    .some(
      (k) =>
        k.name === 'CompareOp' ||
        k.name === 'is' ||
        k.name === 'in' ||
        (k.name === 'not' && k.nextSibling?.name === 'in'),
    );
}
