import collections

d = collections.deque([1, 2, 3])
for x in d:
    print(x)
    d.append(x)
