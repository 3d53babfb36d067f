import collections

od = collections.OrderedDict([('x', 1)])
del od['x']
print(len(od))
del od['x']
