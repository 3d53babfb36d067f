import sys
a = [1]
b = [2]
xs = [a, a, a, b]
print(sys.getrefcount(a), sys.getrefcount(b))
xs[0:3] = [b]
print(sys.getrefcount(a), sys.getrefcount(b), sys.getsizeof(xs))
xs[:] = xs
print(xs, sys.getrefcount(b), sys.getsizeof(xs))
ys = []
for i in range(30):
    ys.append(i)
ys[5:25] = [a]
print(len(ys), sys.getsizeof(ys), sys.getrefcount(a))
ys[-2:] = ys[:2]
print(ys[-3:], len(ys), sys.getsizeof(ys))
