# most_common(): by count, highest first, ties in insertion order; the heapq paths for n.
import sys
import collections

c = collections.Counter('abcdeabcdabcaba')
print(c.most_common())
print(c.most_common(1), c.most_common(2), c.most_common(3))
print(c.most_common(5), c.most_common(9), c.most_common(0), c.most_common(-1))
print(c.most_common(None))
ties = collections.Counter(['x', 'y', 'z', 'y', 'x', 'w'])
print(ties.most_common(), ties.most_common(2))
mc = c.most_common()
print(sys.getsizeof(mc), sys.getsizeof(mc[0]), sys.getrefcount(mc[0]))
for n in range(7):
    print(n, sys.getsizeof(c.most_common(n)))
empty = collections.Counter()
print(empty.most_common(), empty.most_common(1), empty.most_common(3))
print(sys.getsizeof(empty.most_common()), sys.getsizeof(empty.most_common(1)))
