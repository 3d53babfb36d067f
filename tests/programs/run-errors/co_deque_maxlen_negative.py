import collections

print(len(collections.deque([1], 2)))
print(collections.deque([], -1))
