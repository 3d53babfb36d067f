import collections

d = collections.deque([1])
print(d.pop())
d.pop()
