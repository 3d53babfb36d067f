# list(), sorted() and list.extend() of a Counter and its views: a Counter is no exact
# dict, so 3.13's list_extend iterates it; its views take the exact views' path.
import sys
import collections

c = collections.Counter('abcabcab')
a = list(c)
b = list(c.items())
v = list(c.values())
print(a, b, v, sys.getsizeof(a), sys.getsizeof(b), sys.getsizeof(v))
s = sorted(c)
print(s, sys.getsizeof(s))
x = [0]
x.extend(c)
print(x, sys.getsizeof(x))
k = sorted(c.keys(), reverse=True)
print(k, sys.getsizeof(k))
