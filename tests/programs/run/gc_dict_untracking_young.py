import gc
gc.collect()
x = []
d = {'a': x}
d['a'] = 5
gc.collect(0)
print(gc.is_tracked(d))
gc.collect(1)
print(gc.is_tracked(d))
gc.collect(2)
print(gc.is_tracked(d))
