# collections.deque: getsizeof grows by 64-slot blocks, counted from the indices.
import sys
import collections

d = collections.deque()
print(sys.getsizeof(d), len(d), bool(d))
sizes = []
for i in range(200):
    d.append(i)
    sizes.append(sys.getsizeof(d))
print(sizes[0], sizes[30], sizes[31], sizes[32], sizes[95], sizes[96], sizes[199])
while len(d) > 40:
    d.pop()
print(len(d), sys.getsizeof(d))
while d:
    d.popleft()
print(len(d), sys.getsizeof(d), d)

left = collections.deque()
for i in range(33):
    left.appendleft(i)
print(sys.getsizeof(left), left[0], left[-1], left[32])
left.appendleft(99)
print(sys.getsizeof(left), left[0])

# deque(iterable) starts filling at the block's left end: 63 items fit one block.
print(sys.getsizeof(collections.deque(range(63))), sys.getsizeof(collections.deque(range(64))))
filled = collections.deque()
for i in range(63):
    filled.append(i)
print(sys.getsizeof(filled))
e = collections.deque()
e.extend([1, 2, 3])
print(sys.getsizeof(e), e)
e.extend((4, 5))
e.extend(range(6, 70))
print(len(e), sys.getsizeof(e), e[63], e[-1])
e.clear()
print(e, sys.getsizeof(e))
