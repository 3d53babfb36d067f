# popitem takes the last node (or the first with last=False) and returns a new tuple.
import sys
import collections

od = collections.OrderedDict()
for i in range(8):
    od[i] = str(i)
print(od.popitem(), od.popitem(last=False), od.popitem(False), od.popitem(True))
print(list(od), sys.getsizeof(od))
od.move_to_end(2)
print(od.popitem(), od.popitem(last=False))
while od:
    print(od.popitem(last=False))
print(len(od), sys.getsizeof(od))
od['x'] = 'y'
print(od.popitem(), sys.getsizeof(od))
