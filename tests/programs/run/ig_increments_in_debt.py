import gc
gc.collect()
print(gc.collect(1))
a = []
a.append(a)
del a
print(gc.collect(1))
print(gc.collect(1))
print(gc.collect())
print(gc.collect(1))
b = []
b.append(b)
del b
print(gc.collect(1), gc.collect(1))
print(gc.collect())
