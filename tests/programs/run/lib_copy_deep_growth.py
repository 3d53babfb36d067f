import copy
import sys
xs = [1, 2, 3, 4, 5]
ys = copy.deepcopy(xs)
print(sys.getsizeof(xs), sys.getsizeof(ys), ys == xs, ys is xs)
d = {'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6}
e = copy.deepcopy(d)
print(sys.getsizeof(d), sys.getsizeof(e), e == d, e is d)
t = (1, 'two', 3.0)
print(copy.deepcopy(t) is t, copy.deepcopy((1, [2]))[1] is not None)
nested = [[[]]]
n2 = copy.deepcopy(nested)
print(sys.getsizeof(n2), sys.getsizeof(n2[0]), sys.getsizeof(n2[0][0]))
