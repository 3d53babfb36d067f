import gc
a = [1]
a.append(a)
del a
print(gc.collect())
