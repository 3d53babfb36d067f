import gc
gc.collect()
a = []
a.append(a)
del a
print(gc.collect(0))
b = {}
b[1] = b
del b
print(gc.collect(1))
