import itertools
import sys
xs = [1000 * (k + 1) for k in range(4)]
ys = [1000 * k for k in (7, 8)]
fill = -1000 * len(xs)
prev = None
same = 0
for t in itertools.zip_longest(xs, ys, fillvalue=fill):
    if t is prev:
        same += 1
    prev = t
print(same, prev, sys.getrefcount(prev), sys.getrefcount(fill))
ts = [t for t in itertools.zip_longest(ys, xs)]
print(ts, ts[0] is ts[1], sys.getrefcount(ts[0]))
z = itertools.zip_longest(xs, ys, range(3), fillvalue=fill)
out = list(z)
print(out, sys.getsizeof(out), sys.getrefcount(fill), sys.getrefcount(ys), list(z))
del z
print(sys.getrefcount(fill), sys.getrefcount(ys), sys.getrefcount(xs[3]))
pairs = list(itertools.zip_longest(xs, itertools.product(ys, repeat=1), fillvalue=fill))
print(pairs, sys.getrefcount(ys[1]))
try:
    itertools.zip_longest(xs, 5)
except TypeError as e:
    print(e)
print(sys.getrefcount(xs), sys.getrefcount(xs[0]))
