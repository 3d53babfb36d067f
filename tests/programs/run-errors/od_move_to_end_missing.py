import collections

od = collections.OrderedDict([('a', 1), ('b', 2)])
od.move_to_end('a')
print(list(od))
od.move_to_end('zz', last=False)
