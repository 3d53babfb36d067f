# An instance holds one reference per field; dropping it hands them back.
import sys
import collections

P = collections.namedtuple('P', 'x y')
a = ['a']
b = ['b']
print(sys.getrefcount(a), sys.getrefcount(b))
p = P(a, b)
print(sys.getrefcount(a), sys.getrefcount(b), sys.getrefcount(p))
q = P(a, a)
print(sys.getrefcount(a), sys.getrefcount(b))
r = p
print(sys.getrefcount(p), r is p, p is q, p == q)
del r
print(sys.getrefcount(p))
del p
print(sys.getrefcount(a), sys.getrefcount(b))
holder = [q, q]
print(sys.getrefcount(q))
del q
print(sys.getrefcount(a), holder[0] is holder[1])
holder.clear()
print(sys.getrefcount(a), sys.getrefcount(b))
