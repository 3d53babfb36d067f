# An instance compares as the tuple of its items, with tuples and other instances.
import collections

P = collections.namedtuple('P', 'x y')
Q = collections.namedtuple('Q', 'a b')
p = P(1, 2)
print(p == (1, 2), (1, 2) == p, p != (1, 2), p == Q(1, 2), p == [1, 2])
print(p < (1, 3), p > (1, 1), p <= P(1, 2), p >= (2,), (0, 9) < p)
print(P(1, 2) == P(1, 2), P(1, 2) is P(1, 2), P(2, 1) < P(1, 3))
print(1 in p, 3 in p, 2 not in p)
print(p == (1, 2.0), P('a', 'b') < P('a', 'c'))
print(sorted([P(3, 1), P(1, 2), P(2, 0)]))
