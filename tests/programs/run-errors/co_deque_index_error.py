import collections

d = collections.deque(range(3))
print(d[2], d[-3])
print(d[3])
