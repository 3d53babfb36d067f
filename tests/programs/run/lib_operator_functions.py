import operator
from functools import reduce
print(operator.add(2, 3), operator.sub(10, 4), operator.mul(6, 7), operator.truediv(7, 2))
print(operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10), operator.neg(5))
print(operator.eq(1, 1), operator.lt(1, 2), operator.ge('b', 'a'), operator.not_([]), operator.truth('x'))
print(operator.getitem([10, 20, 30], 1), operator.contains('hello', 'ell'), operator.is_(None, None))
print(operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10))
print(reduce(operator.add, [1, 2, 3, 4, 5]))
print(reduce(operator.mul, range(1, 8)))
print(reduce(operator.add, ['a', 'b', 'c'], ''))
print(list(map(operator.mul, [1, 2, 3], [4, 5, 6])))
print(list(map(operator.neg, range(4))))
f = operator.add
print(f, f(1, 2), operator.add(1.5, 2))
ops = {'+': operator.add, '-': operator.sub, '*': operator.mul}
print([ops[o](8, 2) for o in '+-*'])
