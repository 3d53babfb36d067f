import copy
import sys
xs = [[1, 2, 3], [4, 5, 6, 7, 8], [9]]
ys = copy.deepcopy(xs)
print(ys == xs, ys[0] is xs[0], sys.getsizeof(xs), sys.getsizeof(ys))
for a, b in ((xs[0], ys[0]), (xs[1], ys[1]), (xs[2], ys[2])):
    print(sys.getsizeof(a), sys.getsizeof(b))
d = {'k': [1, 2], 'n': {'x': 1}}
e = copy.deepcopy(d)
print(e == d, e['k'] is d['k'], sys.getsizeof(d), sys.getsizeof(e), sys.getsizeof(e['n']))
print(sys.getrefcount(ys), sys.getrefcount(ys[0]))
