# Two classes with the same field names stay two classes; their instances compare equal.
import sys
import collections

A = collections.namedtuple('A', 'x y')
B = collections.namedtuple('B', 'x y')
a = A(1, 2)
b = B(1, 2)
print(a, b, a == b, a._fields == b._fields, A._fields is B._fields)
print(A.__name__, B.__name__)
C = collections.namedtuple('C', ('p', 'q', 'r'))
c = C(1, 2, 3)
print(c, c.q, sys.getsizeof(c))
