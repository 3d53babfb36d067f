# list(od) and l.extend(od) iterate an odict_iterator (an OrderedDict is not an exact
# dict, so 3.13's list_extend_dict does not take it): sized by len(od), in node order.
import sys
import collections

od = collections.OrderedDict()
for i in range(5):
    od['k' + str(i)] = i
od.move_to_end('k0')
keys = list(od)
print(keys, sys.getsizeof(keys))
values = list(od.values())
items = list(od.items())
print(values, sys.getsizeof(values), items[0], sys.getsizeof(items))
grow = [None]
grow.extend(od)
print(grow, sys.getsizeof(grow))
pairs = [(k, v) for k, v in od.items()]
print(pairs == items, sys.getrefcount(items[0]))
