import itertools
import sys
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del', self.n)
xs = [1000 * k for k in range(10)]
s = itertools.islice(xs, 2, 8, 3)
print(sys.getsizeof(s), sys.getrefcount(xs))
for v in s:
    print(v, sys.getrefcount(xs))
print(sys.getrefcount(xs), list(s))
print(list(itertools.islice(xs, 3)), list(itertools.islice(xs, 8, None)), list(itertools.islice(xs, 4, 4)))
ys = list(itertools.islice(xs, 1, None, 2))
print(ys, sys.getsizeof(ys))
for i, v in zip(range(3), itertools.islice(itertools.count(5), 0, None, 10)):
    print(i, v)
print(list(itertools.islice(itertools.repeat('r'), 2)))
ds = [D(1), D(2), D(3), D(4)]
t = itertools.islice(ds, 1, 3)
del ds
for d in t:
    print('got', d.n)
    del d
print('after')
del t
print('end')
