import itertools
import sys
xs = [1000 * (k + 1) for k in range(3)]
ys = tuple([1000 * k for k in (7, 8)])
fill = -1000 * len(xs)
z = itertools.zip_longest(xs, ys)
print(sys.getsizeof(z), sys.getrefcount(xs), sys.getrefcount(ys), sys.getrefcount(xs[0]))
for t in z:
    print(t, sys.getrefcount(t), sys.getrefcount(xs[0]))
print(sys.getrefcount(xs), sys.getrefcount(ys))
del z
print(sys.getrefcount(xs), sys.getrefcount(ys))
for a, b in itertools.zip_longest(xs, ys, fillvalue=fill):
    print(a, b, sys.getrefcount(fill), sys.getrefcount(xs[2]))
print(list(itertools.zip_longest(ys, xs, fillvalue=fill)), sys.getrefcount(fill))
print(list(itertools.zip_longest()), list(itertools.zip_longest(xs)), list(itertools.zip_longest([], ys)))
print(sys.getsizeof(itertools.zip_longest()), sys.getsizeof(itertools.zip_longest(xs, ys, xs)))
