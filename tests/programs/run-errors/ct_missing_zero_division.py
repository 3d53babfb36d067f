import collections

c = collections.Counter([1, 2, 2])
print(c[2], c.get(3, 0))
c[(1, 2)] += 1
print(c)
ratio = c[2] / c[3]
print(ratio)
