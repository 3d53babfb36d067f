# OrderedDicts inside containers and each other: refcounts and lengths.
import sys
import collections

inner = collections.OrderedDict()
inner['v'] = 1
print(sys.getrefcount(inner))
outer = collections.OrderedDict()
outer['a'] = inner
outer['b'] = inner
holder = [inner, outer]
print(sys.getrefcount(inner), sys.getrefcount(outer))
it = iter(outer)
print(sys.getrefcount(outer))
print(next(it), sys.getrefcount(outer))
print(next(it))
for k in it:
    print('never', k)
print(sys.getrefcount(outer))
del it
outer.pop('a')
print(sys.getrefcount(inner), len(holder[1]))
del holder
del outer
print(sys.getrefcount(inner), inner)
