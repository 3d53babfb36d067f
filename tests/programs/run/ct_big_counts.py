# Counts beyond the small ints: each += makes a new int.
import sys
import collections

c = collections.Counter()
c['a'] = 250
for i in range(10):
    c['a'] += 1
print(c['a'], sys.getsizeof(c['a']))
c['b'] = 2 ** 40
c['b'] += 1
print(c, sys.getrefcount(c['b']))
c.update(['a', 'a'])
print(c.most_common(), c['a'])
