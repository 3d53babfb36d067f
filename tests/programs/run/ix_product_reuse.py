import itertools
import sys
xs = [1000 * (k + 1) for k in range(3)]
ys = tuple([1000 * k for k in (7, 8)])
for t in itertools.product(xs, ys):
    print(t, sys.getrefcount(t), sys.getrefcount(xs[0]))
for a, b in itertools.product(xs, ys):
    print(a, b, sys.getrefcount(xs[0]), sys.getrefcount(xs[2]))
ts = [t for t in itertools.product(ys, ys)]
print(ts, ts[0] is ts[1], sys.getrefcount(ts[0]))
p = itertools.product(xs, ys)
prev = None
same = 0
for t in p:
    if prev is not None and t is prev:
        same += 1
    prev = t
print(same, prev, sys.getrefcount(prev))
del prev, t
print(sys.getrefcount(xs[2]), sys.getrefcount(ys[1]))
del p
print(sys.getrefcount(xs[2]), sys.getrefcount(ys[1]))
