# set, str, tuple and dict as factories.
import sys
import collections

s = collections.defaultdict(set)
s['a'].add(1)
s['a'].add(2)
print(s, sys.getsizeof(s['a']))
t = collections.defaultdict(str)
t['x'] += 'ab'
t['y']
print(t, len(t['y']))
u = collections.defaultdict(tuple)
u[1] += (1, 2)
print(u, u[2])
dd = collections.defaultdict(dict)
dd['k']['j'] = 3
print(dd, sys.getsizeof(dd['k']), sys.getsizeof(dd['new']))
