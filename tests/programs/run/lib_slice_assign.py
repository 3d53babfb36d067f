import sys
xs = [0, 1, 2, 3, 4, 5, 6, 7]
print(sys.getsizeof(xs))
xs[2:4] = ['a', 'b', 'c', 'd']
print(xs, sys.getsizeof(xs))
xs[:] = [9]
print(xs, sys.getsizeof(xs))
xs[1:] = (10, 11, 12)
print(xs, sys.getsizeof(xs))
xs[0:0] = [None]
print(xs, sys.getsizeof(xs))
xs[:] = []
print(xs, sys.getsizeof(xs))
