import collections

P = collections.namedtuple('P', 'x y')
p = P(1, 2)
print(p[1], p[-2])
print(p[2])
