import itertools
import sys
xs = [1000 * (k + 1) for k in range(4)]
a = itertools.accumulate(xs)
print(sys.getsizeof(a), sys.getrefcount(xs), sys.getrefcount(xs[0]))
for t in a:
    print(t, sys.getrefcount(t), sys.getrefcount(xs[0]))
print(sys.getrefcount(t), sys.getrefcount(xs))
del a
print(sys.getrefcount(t), sys.getrefcount(xs))
print(list(itertools.accumulate(xs)), list(itertools.accumulate([])), list(itertools.accumulate(xs[:1])))
fs = [0.5 * k for k in range(4)]
print(list(itertools.accumulate(fs)), list(itertools.accumulate(range(1, 6))))
b = itertools.accumulate(xs)
first = [v for v in b]
print(first, first[0] is xs[0], sys.getrefcount(xs[0]), sys.getrefcount(first[-1]))
print(list(itertools.accumulate([[1], [2], [3]])), list(itertools.accumulate(('ab', 'c', 'de'))))
