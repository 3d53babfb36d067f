# A deleted key leaves a dummy in the dict; re-inserting it puts its node last.
import sys
import collections

od = collections.OrderedDict()
for c in 'abcde':
    od[c] = ord(c)
print(sys.getsizeof(od))
del od['b']
del od['a']
print(sys.getsizeof(od), list(od))
od['a'] = 0
od['b'] = 1
print(sys.getsizeof(od), list(od))
for c in 'fghij':
    od[c] = 2
    del od[c]
print(sys.getsizeof(od), list(od))
for c in 'klmnopqrst':
    od[c] = 3
print(sys.getsizeof(od), len(od))
