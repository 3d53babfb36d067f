# OrderedDict(pairs): each pair stored in order (a repeated key keeps its first place).
import sys
import collections

od = collections.OrderedDict([('b', 1), ('a', 2), ('c', 3)])
print(od, len(od), sys.getsizeof(od))
od2 = collections.OrderedDict((('x', 1), ('y', 2), ('x', 3)))
print(od2, len(od2), sys.getsizeof(od2))
pairs = [(i, i * i) for i in range(12)]
od3 = collections.OrderedDict(pairs)
print(list(od3), sys.getsizeof(od3))
print(sys.getsizeof(collections.OrderedDict([])))
t = ('k', [1])
od4 = collections.OrderedDict([t])
print(sys.getrefcount(t[1]), od4)
