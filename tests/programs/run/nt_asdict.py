# _asdict makes a new dict, one insert per field, keyed by the _fields strs.
import sys
import collections

P = collections.namedtuple('P', 'x y z')
v = ['v']
p = P(v, 2, 'three')
print(sys.getrefcount(v))
d = p._asdict()
print(d, len(d), sys.getsizeof(d))
print(sys.getrefcount(v), d['x'] is v)
e = p._asdict()
print(sys.getrefcount(v), d == e, d is e)
del d, e
print(sys.getrefcount(v))
One = collections.namedtuple('One', 'only')
print(One(1)._asdict(), sys.getsizeof(One(1)._asdict()))
