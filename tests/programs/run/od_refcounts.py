# A key in an OrderedDict is held twice (the dict's entry and its node); a value once.
import sys
import collections

key = ''.join(['al', 'pha'])
value = [1, 2]
print(sys.getrefcount(key), sys.getrefcount(value))
od = collections.OrderedDict()
od[key] = value
print(sys.getrefcount(key), sys.getrefcount(value))
od[key] = value
print(sys.getrefcount(key), sys.getrefcount(value))
od.move_to_end(key, last=False)
print(sys.getrefcount(key), sys.getrefcount(value))
got = od.pop(key)
print(sys.getrefcount(key), sys.getrefcount(value))
del got
od[key] = value
od.setdefault(key, None)
print(sys.getrefcount(key), sys.getrefcount(value))
pair = od.popitem()
print(sys.getrefcount(key), sys.getrefcount(value), len(pair))
del pair
print(sys.getrefcount(key), sys.getrefcount(value))
od[key] = value
od.clear()
print(sys.getrefcount(key), sys.getrefcount(value))
od[key] = value
del od
print(sys.getrefcount(key), sys.getrefcount(value))
