# Changing an OrderedDict under its iterator is CPython's RuntimeError: refused.
import collections

od = collections.OrderedDict([('a', 1), ('b', 2), ('c', 3)])
for k in od:
    print(k)
    od.move_to_end(k)
print(od)
