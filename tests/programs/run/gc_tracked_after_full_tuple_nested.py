import gc
gc.collect()
n = 3
inner = (n, n)
outer = (inner, (n,))
print(gc.is_tracked(inner), gc.is_tracked(outer))
gc.collect()
print(gc.is_tracked(inner), gc.is_tracked(outer))
