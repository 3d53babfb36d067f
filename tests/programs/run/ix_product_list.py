import itertools
import sys
xs = [1000 * (k + 1) for k in range(3)]
ys = tuple([1000 * k for k in (7, 8)])
out = list(itertools.product(xs, ys))
print(out, sys.getsizeof(out), sys.getrefcount(xs[0]), sys.getrefcount(out[0]))
print(list(itertools.product(xs, repeat=2)))
print(list(itertools.product()), list(itertools.product(xs, [])), list(itertools.product([], xs)))
print(list(itertools.product(xs, repeat=0)), list(itertools.product(repeat=3)))
big = list(itertools.product(ys, repeat=4))
print(len(big), sys.getsizeof(big), big[-1], sys.getrefcount(ys[0]))
del big
print(sys.getrefcount(ys[0]), sys.getrefcount(xs[1]))
e = itertools.product(xs, [], ys)
print(list(e), list(e), sys.getrefcount(xs[0]), sys.getrefcount(ys))
del e
print(sys.getrefcount(xs[0]), sys.getrefcount(ys))
n = 0
for t in itertools.product(range(3), range(2)) if False else itertools.product([0, 1, 2], [0, 1]):
    n += t[0] * 10 + t[1]
print(n)
