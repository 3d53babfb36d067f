# Iterating a deque: the iterator holds the deque; items come out left to right.
import sys
import collections

x = ['x']
d = collections.deque([1, x, 'three'])
d.appendleft(0)
print(sys.getrefcount(d), sys.getrefcount(x))
for item in d:
    print(item, sys.getrefcount(d), sys.getrefcount(x))
print(sys.getrefcount(d), sys.getrefcount(x), item)
del item
total = 0
big = collections.deque(range(150))
for v in big:
    total += v
print(total, 1 in d, 'three' in d, 5 in d, x in d, [1] in d)
for v in collections.deque():
    print('never')
print(len(big), sys.getsizeof(big))
