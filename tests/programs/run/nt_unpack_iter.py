# Unpacking and iterating go item by item, as a tuple's.
import sys
import collections

P = collections.namedtuple('P', 'x y')
v = ['v']
p = P(v, 'w')
x, y = p
print(x is v, y, sys.getrefcount(v))
del x
for item in p:
    print(item, sys.getrefcount(v))
del item
print(sys.getrefcount(v))
total = 0
for n in P(3, 4):
    total += n
print(total)
