import gc
gc.collect()
l = [1, 2]
print(gc.is_tracked(l))
l.clear() if False else None
d = {'a': []}
print(gc.is_tracked(d))
d.pop('a')
print(gc.is_tracked(d))
gc.collect()
print(gc.is_tracked(d))
print(gc.is_tracked(l))
