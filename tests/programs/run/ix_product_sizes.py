import itertools
import sys
xs = [1000 * (k + 1) for k in range(3)]
ys = tuple([1000 * k for k in (7, 8)])
p = itertools.product(xs, ys)
print(sys.getsizeof(p), sys.getrefcount(xs), sys.getrefcount(ys), sys.getrefcount(xs[0]))
q = itertools.product(xs, repeat=3)
print(sys.getsizeof(q), sys.getrefcount(xs[0]), sys.getsizeof(itertools.product()))
print(sys.getsizeof(itertools.product(xs, ys, repeat=2)), sys.getsizeof(itertools.product(ys, repeat=0)))
del q
print(sys.getrefcount(xs[0]), sys.getrefcount(ys))
r = itertools.product(ys, ys, ys)
print(sys.getrefcount(ys), sys.getrefcount(ys[0]))
del r, p
print(sys.getrefcount(ys), sys.getrefcount(xs[0]))
