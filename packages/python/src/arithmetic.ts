/**
 * Python's arithmetic on plain values — ints as bigint, floats as number, strs — shared
 * by constant folding (compile time) and the running program. Division and modulo
 * floor as Python's do; errors are CPython's (long_true_divide, long_div, long_mod,
 * float_div; Objects/longobject.c and floatobject.c, 3.8–3.13); a result the model
 * cannot compute exactly (huge powers, int/int beyond 2**53) is Unsupported.
 */
import { PythonError, Unsupported } from './errors.ts';
import { profileRules } from './profile-rules.ts';

/** A scalar operand: an int (bool as 0/1), a float or a str. */
export type Scalar = bigint | number | string;

/** A binary arithmetic operator as written in source. */
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**';

const EXACT = 2n ** 53n;
const FLOAT_LIMIT = 2n ** 1023n;

/** An int that float arithmetic could not convert without overflowing (|v| ≥ 2**1023). */
function beyondFloat(v: number | bigint): boolean {
  return typeof v === 'bigint' && (v >= FLOAT_LIMIT || v <= -FLOAT_LIMIT);
}

function floorMod(a: number, b: number): number {
  const mod = a % b;
  return mod !== 0 && b < 0 !== mod < 0 ? mod + b : mod === 0 ? (b < 0 ? -0 : 0) : mod;
}

/** `a op b` on numbers (ints as bigint), or undefined when the operands do not fit the operator. */
export function numericOp(
  op: ArithmeticOperator,
  a: bigint | number,
  b: bigint | number,
  minor = 8,
): bigint | number {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0n) throw new PythonError('ZeroDivisionError', 'division by zero');
        if (a > EXACT || a < -EXACT || b > EXACT || b < -EXACT)
          throw new Unsupported('true division of ints beyond 2**53');
        return Number(a) / Number(b);
      case '//':
      case '%': {
        if (b === 0n)
          // 3.11+ word `%` alone "integer modulo by zero" (measured).
          throw new PythonError(
            'ZeroDivisionError',
            profileRules(minor).intDivisionByZeroPlain
              ? 'division by zero'
              : op === '%' && profileRules(minor).moduloByZeroOwnMessage
                ? 'integer modulo by zero'
                : 'integer division or modulo by zero',
          );
        let q = a / b;
        if (a % b !== 0n && a < 0n !== b < 0n) q -= 1n;
        return op === '//' ? q : a - q * b;
      }
      case '**':
        if (b < 0n) {
          if (a === 0n) throw new Unsupported('0 raised to a negative power');
          return Number(a) ** Number(b);
        }
        if (b > 100_000n) throw new Unsupported('an int power this large');
        return a ** b;
    }
  }
  if (beyondFloat(a) || beyondFloat(b))
    throw new Unsupported('float arithmetic with an int this large (an OverflowError)');
  const x = Number(a);
  const y = Number(b);
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      // 3.14 says "division by zero" for floats too (intDivisionByZeroPlain's release).
      if (y === 0)
        throw new PythonError(
          'ZeroDivisionError',
          profileRules(minor).intDivisionByZeroPlain
            ? 'division by zero'
            : 'float division by zero',
        );
      return x / y;
    case '//':
    case '%':
      if (y === 0) throw new Unsupported('float floor division or modulo by zero');
      return op === '%' ? floorMod(x, y) : Math.floor((x - floorMod(x, y)) / y);
    case '**':
      if (x === 0 && y < 0) throw new Unsupported('0.0 raised to a negative power');
      if (x < 0 && !Number.isInteger(y)) throw new Unsupported('a complex power');
      return x ** y;
  }
}

/** Number of bits of |v| (`_PyLong_NumBits`). */
export function bitLength(v: bigint): number {
  return (v < 0n ? -v : v).toString(2).replace(/^0$/, '').length;
}
