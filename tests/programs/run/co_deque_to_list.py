# list(d) and xs.extend(d): a deque iterator, presized by len(d).
import sys
import collections

x = ['x']
for n in (0, 1, 5, 9, 64, 65):
    d = collections.deque(range(n))
    xs = list(d)
    print(n, len(xs), sys.getsizeof(xs), xs[-1:])
d = collections.deque([x, x, 2])
print(sys.getrefcount(x))
xs = list(d)
print(sys.getrefcount(x), xs[0] is x, sys.getrefcount(d))
ys = [1, 2, 3]
ys.extend(d)
print(ys[3] is x, len(ys), sys.getsizeof(ys), sys.getrefcount(x))
del d
print(sys.getrefcount(x))
