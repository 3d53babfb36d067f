# move_to_end reorders the node list only: the dict's entries keep their order.
import sys
import collections

od = collections.OrderedDict()
for name in ['a', 'b', 'c', 'd', 'e']:
    od[name] = len(name)
before = sys.getsizeof(od)
od.move_to_end('b')
print(list(od))
od.move_to_end('d', last=False)
print(list(od))
od.move_to_end('d', False)
od.move_to_end('b', True)
print(list(od))
od.move_to_end('a', last=0)
od.move_to_end('e', last=1)
print(list(od), sys.getsizeof(od) == before)
od['f'] = 6
od.move_to_end('f', last=False)
print(list(od), list(od.values()))
for k in ['c', 'a', 'f']:
    od.move_to_end(k)
print(list(od.items()))
