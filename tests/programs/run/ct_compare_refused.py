# Counter comparisons (3.10+ multiset inclusion in Python, dict_richcompare before): refused.
import collections

c = collections.Counter('aab')
d = collections.Counter({'a': 2, 'b': 1})
print(len(c), len(d))
print(c == d)
