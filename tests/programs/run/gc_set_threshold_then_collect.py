import gc
gc.collect()
gc.set_threshold(1000, 20, 30)
a = [[]]
a[0].append(a)
del a
print(gc.collect())
print(gc.get_threshold())
