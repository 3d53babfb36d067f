# OrderedDict.update (MutableMapping's, in C) is not modelled: refused.
import collections

od = collections.OrderedDict()
od['a'] = 1
print(od)
od.update([('b', 2)])
print(od)
