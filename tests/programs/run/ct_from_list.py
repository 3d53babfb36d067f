# Counter of a list, a tuple and a range: keys of every hashable kind.
import sys
import collections

words = ['red', 'blue', 'red', 'green', 'blue', 'blue']
c = collections.Counter(words)
print(c, sys.getsizeof(c))
w = "".join(["re", "d"])
print(sys.getrefcount(c), c[w])
t = collections.Counter((1, 2, 2, 3, 3, 3, (1, 2), (1, 2)))
print(t, sys.getsizeof(t))
r = collections.Counter(range(12))
print(len(r), sys.getsizeof(r), r[11], r[12])
m = collections.Counter([1, 1.0, True, 2])
print(m)
