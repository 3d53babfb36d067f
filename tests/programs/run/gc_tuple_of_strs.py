import gc
gc.collect()
a = 'x' * 3
b = 'y' * 3
t = (a, b)
print(gc.is_tracked(t))
gc.collect(0)
print(gc.is_tracked(t))
u = (t, [])
gc.collect()
print(gc.is_tracked(u))
