import copy
import sys
xs = []
for i in range(5):
    xs.append([i])
c = copy.copy(xs)
print(sys.getsizeof(xs), sys.getsizeof(c), c == xs, c is xs, c[0] is xs[0], sys.getrefcount(xs[0]))
d = {'a': 1, 'b': [2]}
e = copy.copy(d)
print(sys.getsizeof(d), sys.getsizeof(e), e['b'] is d['b'])
t = (1, [2])
print(copy.copy(t) is t, copy.copy(5) == 5)
s = {1, 2, 3}
print(sys.getsizeof(copy.copy(s)), copy.copy(s) == s)
