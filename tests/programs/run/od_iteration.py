# Iterating follows the node list: keys, values, items; views of their own types.
import sys
import collections

od = collections.OrderedDict()
for name in ['one', 'two', 'three', 'four']:
    od[name] = len(name)
od.move_to_end('one')
for k in od:
    print(k, end=' ')
print()
for v in od.values():
    print(v, end=' ')
print()
for k, v in od.items():
    print(k, v, end='; ')
print()
print(list(od), list(od.keys()), list(od.values()), list(od.items()))
print([k.upper() for k in od], {k: 1 for k in od.keys()}, [v * 2 for v in od.values()])
it = iter(od)
print(type(it).__name__, sys.getsizeof(it), next(it), next(it))
keys = od.keys()
print(type(keys).__name__, sys.getsizeof(keys), sys.getsizeof(od.items()))
print(type(iter(od.items())).__name__, sys.getsizeof(iter(od.values())))
print(len(od), 'two' in od, 'five' in od)
print(len(od.keys()), len(od.values()), len(od.items()), type(od).__name__, type(it).__name__)
