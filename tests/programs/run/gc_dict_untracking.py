import gc
gc.collect()
x = []
d = {'a': x}
print(gc.is_tracked(d))
d['a'] = 5
print(gc.is_tracked(d))
gc.collect()
print(gc.is_tracked(d))
gc.collect(0)
print(gc.is_tracked(d))
