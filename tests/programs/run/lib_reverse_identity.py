import sys
a = [1]
b = [2]
xs = [a, b, a]
size = sys.getsizeof(xs)
xs.reverse()
print(xs[0] is a, xs[1] is b, sys.getsizeof(xs) == size, sys.getrefcount(a), sys.getrefcount(b))
ys = []
ys.reverse()
print(ys, sys.getsizeof(ys))
