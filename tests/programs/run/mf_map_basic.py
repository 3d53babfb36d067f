import sys
def double(x):
    return x * 2
xs = [10, 20, 30]
m = map(double, xs)
print(type(m).__name__, sys.getsizeof(m))
print(sys.getrefcount(double), sys.getrefcount(xs), sys.getrefcount(m))
for v in m:
    print(v, sys.getrefcount(double), sys.getrefcount(xs))
print(sys.getrefcount(double), sys.getrefcount(xs))
del m
print(sys.getrefcount(double), sys.getrefcount(xs))
ys = list(map(double, xs))
print(ys, sys.getsizeof(ys))
zs = list(map(lambda a, b: a + b, xs, (1, 2, 3, 4)))
print(zs, sys.getsizeof(zs))
print(sum(map(double, range(100))), sum(map(lambda x: x / 4, [1, 2, 3])))
print(min(map(double, (5, 3, 9))), max(map(double, (5, 3, 9))))
print(any(map(double, [0, 0])), all(map(double, [1, 2])))
print([w + 1 for w in map(double, range(4))])
