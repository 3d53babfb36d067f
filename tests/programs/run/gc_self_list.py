import gc
gc.collect()
a = []
a.append(a)
print(gc.collect())
del a
print(gc.collect())
print(gc.collect())
