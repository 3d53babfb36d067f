# The dict methods a Counter inherits: keys/values/items, get, pop, setdefault, in, for.
import sys
import collections

c = collections.Counter('banana')
print(list(c.keys()), list(c.values()), list(c.items()))
print(sorted(c), sorted(c.values()))
for k in c:
    print(k, c[k])
for k, v in c.items():
    print(k, v)
print(c.get('a'), c.get('q'), c.get('q', 7))
print(c.setdefault('q', 3), c.setdefault('a', 9), c)
print(c.pop('q'), c.pop('zz', -1), c)
print([k for k in c], {k: c[k] for k in c})
print('n' in c, 'x' in c, len(c), sys.getsizeof(c))
