# collections.OrderedDict: getsizeof is the dict's (with the larger basic size), plus
# the fast-nodes array (one pointer per keys-table slot) and one node per key.
import sys
import collections

od = collections.OrderedDict()
print(sys.getsizeof(od), len(od), bool(od))
sizes = []
for i in range(45):
    od['k' + str(i)] = i
    sizes.append(sys.getsizeof(od))
print(sizes[0], sizes[4], sizes[5], sizes[10], sizes[11], sizes[21], sizes[22], sizes[44])
print(len(od), bool(od))
del od['k3']
print(sys.getsizeof(od))
od.pop('k4')
print(sys.getsizeof(od))
od.popitem()
print(sys.getsizeof(od))
od.move_to_end('k0')
print(sys.getsizeof(od))
od.clear()
print(sys.getsizeof(od), len(od))
od['again'] = 1
print(sys.getsizeof(od))
