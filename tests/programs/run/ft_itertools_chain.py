import itertools
import sys
a = [1, 2]
b = [3]
c = itertools.chain(a, b)
print(sys.getsizeof(c), sys.getrefcount(a), sys.getrefcount(b))
for x in c:
    print(x, sys.getrefcount(a), sys.getrefcount(b))
print(sys.getrefcount(a), sys.getrefcount(b), sys.getrefcount(c))
print(list(c), list(itertools.chain()), list(itertools.chain(a, b, a)))
xs = list(itertools.chain(a, b))
ys = list(itertools.chain(range(20), a))
print(sys.getsizeof(xs), sys.getsizeof(ys), len(ys))
d = itertools.chain(b, a)
print(sys.getrefcount(a), sys.getrefcount(b))
del d
print(sys.getrefcount(a), sys.getrefcount(b))
for i, v in enumerate(itertools.chain(b, itertools.repeat(b, 2))):
    print(i, v is b, sys.getrefcount(b))
