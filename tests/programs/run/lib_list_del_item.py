import sys
xs = list(range(20))
print(sys.getsizeof(xs))
del xs[0]
print(len(xs), sys.getsizeof(xs))
del xs[-1]
del xs[5]
print(xs, sys.getsizeof(xs))
while len(xs) > 2:
    del xs[len(xs) // 2]
    print(len(xs), sys.getsizeof(xs))
del xs[0]
del xs[0]
print(xs, sys.getsizeof(xs))
