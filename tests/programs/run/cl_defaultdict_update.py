# update() from a dict or a defaultdict: dict_merge's sizes on each version.
import sys
import collections

src = {i: i * i for i in range(12)}
d = collections.defaultdict(list)
d.update(src)
print(len(d), sys.getsizeof(d), sys.getsizeof(src))
e = collections.defaultdict(int)
e['a'] = 1
e.update(src)
print(len(e), sys.getsizeof(e))
f = collections.defaultdict(set)
f.update(e)
print(len(f), sys.getsizeof(f), f[3], f['a'])
g = {}
g.update(f)
print(len(g), sys.getsizeof(g))
small = collections.defaultdict(int)
small.update({'x': 1, 'y': 2})
print(sys.getsizeof(small), small)
