# Non-str keys: the keys table is a general one (3.11+: no unicode table), the nodes the same.
import sys
import collections

od = collections.OrderedDict()
print(sys.getsizeof(od))
for i in range(20):
    od[i * 7] = i
    if i in (0, 4, 5, 10, 11, 19):
        print(i, sys.getsizeof(od))
mixed = collections.OrderedDict()
mixed['s'] = 1
print(sys.getsizeof(mixed))
mixed[1] = 's'
print(sys.getsizeof(mixed))
mixed[(1, 2)] = None
mixed[2.5] = True
print(sys.getsizeof(mixed), list(mixed))
print(od[14], mixed[1], mixed[(1, 2)])
