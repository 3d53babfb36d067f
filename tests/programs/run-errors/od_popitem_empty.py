import collections

od = collections.OrderedDict()
od['a'] = 1
print(od.popitem())
print(od.popitem(last=False))
