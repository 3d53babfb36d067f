# A namedtuple instance has a tuple's layout: the same size as a tuple of its length.
import sys
import collections

P = collections.namedtuple('P', 'x y')
One = collections.namedtuple('One', ['a'])
Five = collections.namedtuple('Five', 'a, b, c, d, e')
p = P(1, 2)
print(p, len(p), sys.getsizeof(p), sys.getsizeof((1, 2)))
o = One('solo')
print(o, len(o), sys.getsizeof(o), sys.getsizeof(('solo',)))
f = Five(1, 2.5, 'three', [4], (5,))
print(f, len(f), sys.getsizeof(f), sys.getsizeof((1, 2, 3, 4, 5)))
print(sys.getsizeof(P(x=[], y={})) == sys.getsizeof(p))
print(bool(p), bool(o), repr(p))
print(P.__name__, Five.__name__, P._fields, Five._fields, o._fields)
