import gc
gc.collect()
a = []
a.append(a)
gc.collect()
del a
print(gc.collect(0))
print(gc.collect(1))
print(gc.collect(2))
