# _replace makes a new instance: the replaced fields new, the rest shared.
import sys
import collections

P = collections.namedtuple('P', 'x y z')
a = ['a']
b = ['b']
p = P(a, a, b)
print(sys.getrefcount(a), sys.getrefcount(b))
q = p._replace(y=b)
print(q, q is p, q == p, sys.getrefcount(a), sys.getrefcount(b))
r = q._replace(x=1, z=3)
print(r, sys.getrefcount(a), sys.getrefcount(b), sys.getsizeof(r))
s = p._replace()
print(s == p, s is p)
del p, q, r, s
print(sys.getrefcount(a), sys.getrefcount(b))
