# A function as the factory: the defaultdict holds one reference to it.
import sys
import collections

calls = []


def make():
    calls.append(len(calls))
    return [len(calls)]


print(sys.getrefcount(make))
d = collections.defaultdict(make)
print(sys.getrefcount(make), d.default_factory is make)
x = d['x']
print(x, d['x'], d['y'], calls)
print(sys.getrefcount(x))
e = collections.defaultdict(make)
print(sys.getrefcount(make))
del d
print(sys.getrefcount(make), sys.getrefcount(x))
del e
print(sys.getrefcount(make))
