import collections

P = collections.namedtuple('P', 'x y')
print(P(y=1, x=2))
P(1, z=2)
