import gc
gc.collect()
a = []
b = [a]
a.append(b)
print(gc.collect())
c = a
del a, b
print(gc.collect())
del c
print(gc.collect())
