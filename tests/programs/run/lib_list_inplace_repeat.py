import sys
a = [1]
xs = [a, 2]
ys = xs
print(sys.getsizeof(xs))
xs *= 3
print(xs is ys, len(xs), sys.getsizeof(xs), sys.getrefcount(a))
xs *= 1
print(len(xs), sys.getsizeof(xs))
xs *= 0
print(xs, sys.getsizeof(xs), sys.getrefcount(a))
e = []
e *= 5
print(e, sys.getsizeof(e))
zs = [0] * 3
zs *= 4
print(len(zs), sys.getsizeof(zs))
