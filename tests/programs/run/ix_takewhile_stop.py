import itertools
import sys
xs = [1000 * (k + 1) for k in range(5)]
def small(v):
    print('test', v, sys.getrefcount(v))
    return v < 3000
t = itertools.takewhile(small, xs)
print(sys.getsizeof(t), sys.getrefcount(small), sys.getrefcount(xs), sys.getrefcount(xs[2]))
for v in t:
    print(v, sys.getrefcount(v))
print(list(t), sys.getrefcount(xs), sys.getrefcount(xs[2]))
del t
print(sys.getrefcount(small), sys.getrefcount(xs))
print(list(itertools.takewhile(lambda v: v % 2000, xs)), list(itertools.takewhile(lambda v: True, [])))
print([v for v in itertools.takewhile(lambda v: v < 4500, tuple(xs))])
w = itertools.takewhile(lambda p: p[0] < p[1], itertools.permutations(xs[:3], 2))
print(list(w))
print(list(itertools.takewhile(lambda v: [] if v > 6 else [v], range(50))))
