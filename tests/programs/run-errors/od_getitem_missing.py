import collections

od = collections.OrderedDict()
od[1] = 'one'
print(od[1], od.get(2))
print(od[2])
