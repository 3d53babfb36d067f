# Reference counts of keys and values held by a defaultdict.
import sys
import collections

key = 'some-key-' + str(7)
val = [1, 2, 3]
d = collections.defaultdict(list)
print(sys.getrefcount(key), sys.getrefcount(val), sys.getrefcount(d))
d[key] = val
print(sys.getrefcount(key), sys.getrefcount(val))
made = d['other-' + str(1)]
print(sys.getrefcount(made), made)
alias = d
print(sys.getrefcount(d))
del alias
d[key] = []
print(sys.getrefcount(key), sys.getrefcount(val))
del d
print(sys.getrefcount(key), sys.getrefcount(made))
