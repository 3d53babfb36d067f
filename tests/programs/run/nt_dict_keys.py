# An instance hashes as the tuple of its items: a dict key a tuple finds, and back.
import sys
import collections

P = collections.namedtuple('P', 'x y')
d = {}
d[P(1, 2)] = 'first'
print(d[(1, 2)], (1, 2) in d, P(1, 2) in d, len(d))
d[(1, 2)] = 'second'
print(len(d), d, d[P(1, 2)])
k = P(3, 'four')
d[k] = 'k'
print(sys.getrefcount(k), d[(3, 'four')])
del d[(3, 'four')]
print(sys.getrefcount(k), len(d))
counts = {}
for item in [P(0, 0), (0, 0), P(0, 1)]:
    counts[item] = counts.get(item, 0) + 1
print(counts)
print(sys.getsizeof(d), sys.getsizeof(counts))
