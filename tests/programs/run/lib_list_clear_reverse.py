import sys
xs = [[1], [2], [3], [4], [5]]
first = xs[0]
print(sys.getsizeof(xs), sys.getrefcount(first))
xs.reverse()
print(xs, sys.getsizeof(xs))
xs.clear()
print(xs, sys.getsizeof(xs), sys.getrefcount(first))
xs.append(1)
print(sys.getsizeof(xs))
xs.clear()
xs.clear()
print(sys.getsizeof(xs))
