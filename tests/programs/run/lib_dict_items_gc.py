import gc
import sys
gc.collect()
d = {'self': None, 'n': 1}
d['self'] = d
for k, v in d.items():
    print(k, type(v).__name__)
print(gc.collect())
del d
print(gc.collect())
e = {'a': [1]}
for k, v in e.items():
    found = gc.collect()
print(found, sys.getrefcount(e))
