import itertools
import sys
xs = [1000 * (k + 1) for k in range(4)]
c = itertools.combinations(xs, 2)
print(sys.getsizeof(c), sys.getsizeof(itertools.combinations(xs, 3)), sys.getrefcount(xs), sys.getrefcount(xs[0]))
for t in c:
    print(t, sys.getrefcount(t), sys.getrefcount(xs[0]))
print(sys.getrefcount(xs[0]), sys.getrefcount(c))
for a, b in itertools.combinations(xs, 2):
    print(a, b, sys.getrefcount(xs[0]), sys.getrefcount(xs[3]))
ts = tuple(xs)
d = itertools.combinations(ts, 3)
print(sys.getrefcount(ts), list(d), list(d), sys.getrefcount(ts))
keep = list(itertools.combinations(xs, 2))
print(len(keep), sys.getsizeof(keep), sys.getrefcount(keep[0]), sys.getrefcount(xs[1]))
del keep
print(list(itertools.combinations(xs, 5)), list(itertools.combinations(xs, 0)), sys.getrefcount(xs[1]))
