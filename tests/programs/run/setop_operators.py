import sys
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(a | b, a & b, a - b, b - a, a ^ b)
print(sys.getsizeof(a | b), sys.getsizeof(a & b), sys.getsizeof(a - b), sys.getsizeof(a ^ b))
big = set(range(40))
small = {1, 2}
d = big - small
print(len(d), sys.getsizeof(d), sys.getsizeof(big - {100}))
print(sys.getsizeof(big & small), sys.getsizeof(small & big), sorted(big & small) if False else len(big & small))
f = frozenset([1, 2])
print(f | a, type(f | a).__name__, type(a | f).__name__, f & {9}, type(f & {9}).__name__)
print(a <= a | b, a < a, a >= {1}, {1} > {1}, {1, 9} <= a, f <= a, a == a | set())
print('x' in {'x', 'y'}, 'z' not in {'x'})
c = a
c = c | {99}
print(a is c, len(a), len(c))
e = set()
print(e | e, e & a, a - a, a ^ a, sys.getsizeof(a ^ a))
x = set(range(100))
y = set(range(50, 150))
print(len(x ^ y), sys.getsizeof(x ^ y), sys.getsizeof(x | y), sys.getsizeof(x & y), sys.getsizeof(x - y))
print(id(a | b) == id(a | b))
