import sys
xs = [3, 1, 2]
ys = sorted(xs)
print(ys, xs, sys.getsizeof(ys), sorted(range(10, 0, -1)), sys.getsizeof(sorted(range(5))))
print(sorted(('b', 'c', 'a')), sys.getsizeof(sorted((1, 2, 3, 4, 5, 6, 7, 8, 9, 10))))
a = [1]
b = [1]
print(id(sorted(xs)) == id(sorted(xs)))
