import gc
gc.collect()
n = 7
t = (n, n + 1)
print(gc.is_tracked(t))
u = (t, 'x')
print(gc.is_tracked(u))
l = [1]
v = (l, 2)
print(gc.is_tracked(v))
gc.collect()
print(gc.is_tracked(t))
print(gc.is_tracked(u))
print(gc.is_tracked(v))
