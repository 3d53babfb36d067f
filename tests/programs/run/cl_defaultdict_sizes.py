# collections.defaultdict: a dict with one more pointer; getsizeof follows the keys table.
import sys
import collections

d = collections.defaultdict(list)
print(sys.getsizeof(d), sys.getsizeof({}), len(d), bool(d))
sizes = []
for i in range(40):
    d[i]
    sizes.append(sys.getsizeof(d))
print(sizes[0], sizes[4], sizes[5], sizes[10], sizes[11], sizes[21], sizes[22], sizes[39])
print(len(d), bool(d))
d.clear()
print(sys.getsizeof(d), len(d))
s = collections.defaultdict(int)
s['a'] += 1
print(sys.getsizeof(s))
s['b'] += 2
s[3] += 3
print(sys.getsizeof(s), s)
