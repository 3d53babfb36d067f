import collections

P = collections.namedtuple('P', 'x y')
print(P(1, y=2))
P(1, x=2)
