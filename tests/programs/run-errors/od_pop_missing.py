import collections

od = collections.OrderedDict()
od['k'] = [1]
print(od.pop('k'), od.pop('k', 'gone'))
od.pop('k')
