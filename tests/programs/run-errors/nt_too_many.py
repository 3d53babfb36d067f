import collections

P = collections.namedtuple('P', 'x y')
print(P(x=1, y=2))
P(1, 2, 3)
