# rotate moves pointers between blocks; extendleft fills from the right; sizes follow the indices.
import sys
import collections

d = collections.deque(range(10))
d.rotate(3)
print(d, sys.getsizeof(d))
d.rotate(-5)
print(d, sys.getsizeof(d))
d.rotate()
d.rotate(23)
print(d, d.count(3), d.count(42))
big = collections.deque(range(200))
sizes = [sys.getsizeof(big)]
for n in (40, 40, -70, 100, -100, 150, 1, -1):
    big.rotate(n)
    sizes.append(sys.getsizeof(big))
print(sizes, big[0], big[-1], big[100])
left = collections.deque()
left.extendleft([1, 2, 3])
print(left, sys.getsizeof(left))
left.extendleft(range(4, 70))
print(len(left), sys.getsizeof(left), left[0], left[-1])
left.reverse()
print(left[0], left[-1], len(left))
x = ['x']
r = collections.deque([x, 1, x, 2, 3])
r.rotate(2)
print(sys.getrefcount(x), r.count(x), r[0], r[2] is x)
short = collections.deque(range(60))
short.rotate(10)
short.rotate(-25)
print(sys.getsizeof(short), short[0])
bounded = collections.deque([1, 2], maxlen=3)
bounded.extendleft([7, 8, 9])
print(bounded)
