# keys(), values(), items() of a defaultdict are dict views over it.
import sys
import collections

d = collections.defaultdict(list)
d['one'].append(1)
d['two'].append(2)
d['two'].append(22)
ks = d.keys()
vs = d.values()
its = d.items()
print(sys.getrefcount(d))
for k in ks:
    print(k)
for v in vs:
    print(v)
for k, v in its:
    print(k, v, sys.getsizeof(v))
d['three']
print(len(d), 'three' in d)
del ks, vs, its
print(sys.getrefcount(d))
