import sys
xs = []
for i in range(30):
    xs.append([i])
print(sys.getsizeof(xs))
del xs[2:5]
print(len(xs), sys.getsizeof(xs))
del xs[:10]
print(len(xs), sys.getsizeof(xs))
del xs[-3:]
print(len(xs), sys.getsizeof(xs))
del xs[5:2]
del xs[100:]
print(len(xs), sys.getsizeof(xs))
del xs[:]
print(xs, sys.getsizeof(xs))
