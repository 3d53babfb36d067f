# collections.Counter: a dict subclass instance with __dict__ and __weakref__ slots;
# getsizeof is a dict's with the same table plus the subclass's slots (and pre-header).
import sys
import collections

c = collections.Counter()
print(sys.getsizeof(c), sys.getsizeof({}), len(c), bool(c))
sizes = []
for i in range(40):
    c[i] += 1
    sizes.append(sys.getsizeof(c))
print(sizes[0], sizes[4], sizes[5], sizes[10], sizes[11], sizes[21], sizes[22], sizes[39])
print(len(c), bool(c))
c.clear()
print(sys.getsizeof(c), len(c), c)
s = collections.Counter()
s['a'] += 1
print(sys.getsizeof(s))
s['b'] += 2
s['c'] += 3
print(sys.getsizeof(s), s)
