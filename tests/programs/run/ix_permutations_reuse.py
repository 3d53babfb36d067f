import itertools
import sys
xs = [1000 * (k + 1) for k in range(3)]
p = itertools.permutations(xs)
print(sys.getsizeof(p), sys.getsizeof(itertools.permutations(xs, 2)), sys.getsizeof(itertools.permutations(xs, 5)))
print(sys.getrefcount(xs), sys.getrefcount(xs[0]))
for t in p:
    print(t, sys.getrefcount(t), sys.getrefcount(xs[0]))
for a, b in itertools.permutations(xs, 2):
    print(a, b, sys.getrefcount(xs[0]), sys.getrefcount(xs[2]))
prev = None
same = 0
for t in itertools.permutations(xs, 2):
    if t is prev:
        same += 1
    prev = t
print(same, prev, sys.getrefcount(prev))
ts = [t for t in itertools.permutations(tuple(xs), 1)]
print(ts, ts[0] is ts[1], sys.getrefcount(xs[1]))
del p, ts, prev, t
print(sys.getrefcount(xs[0]), sys.getrefcount(xs[2]))
