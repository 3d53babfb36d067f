import gc
gc.collect()
a = [1]
b = [2, a]
a.append(b)
del a
print(gc.collect())
del b
print(gc.collect())
