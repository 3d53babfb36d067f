import sys
a = dict()
print(sys.getsizeof(a))
a['k'] = 1
print(sys.getsizeof(a))
src = {'p': 1, 'q': 2, 'r': 3}
b = dict(src)
print(b, sys.getsizeof(b), b == src, b is src)
