# Comparing a defaultdict with a dict is not modelled: refused.
import collections

d = collections.defaultdict(int)
d['a'] += 1
print(d == {'a': 1})
