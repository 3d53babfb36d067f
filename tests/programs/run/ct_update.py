# update(): _count_elements into a Counter that has counts, and from mappings.
import sys
import collections

c = collections.Counter('aab')
c.update('abc')
print(c, sys.getsizeof(c))
c.update(['d', 'd', 'a'])
print(c)
c.update({'a': 10, 'z': 2})
print(c, sys.getsizeof(c))
c.update(collections.Counter('zz'))
print(c)
c.update()
c.update(None)
print(c, len(c))
e = collections.Counter()
e.update({'p': 1, 'q': 2})
print(e, sys.getsizeof(e))
f = collections.Counter({'x': 5, 'y': 7})
print(f, sys.getsizeof(f), f.most_common(1))
g = collections.Counter(f)
print(g, sys.getsizeof(g))
