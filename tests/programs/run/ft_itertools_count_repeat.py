import itertools
import sys
k = 1000
x = 5 * k
c = itertools.count(x)
print(sys.getrefcount(x), sys.getsizeof(c), sys.getrefcount(c))
for i in c:
    if i > x + 3:
        break
    print(i - x, sys.getrefcount(i))
r = itertools.repeat(x, 3)
print(sys.getrefcount(x), sys.getsizeof(r))
xs = list(r)
print(sys.getsizeof(xs), xs[0] is x, sys.getrefcount(x), list(r))
ys = list(itertools.repeat(x, 5))
print(sys.getsizeof(ys), sys.getrefcount(x), len(list(itertools.repeat(x, -2))))
del xs, ys, r
print(sys.getrefcount(x))
for i, v in zip(itertools.count(10), ['a', 'b', 'c']):
    print(i, v)
for a, b in zip(itertools.repeat(x), ['a', 'b']):
    print(a is x, b)
for i, z in enumerate(itertools.repeat('z', 2)):
    print(i, z)
print(sys.getrefcount(x))
