import gc
gc.collect()
d = {}
d.update({'a': 1})
print(gc.is_tracked(d))
d.setdefault('b', [])
print(gc.is_tracked(d))
e = d.copy()
print(gc.is_tracked(e))
f = {'x': 1} if e else {}
print(gc.is_tracked(f))
