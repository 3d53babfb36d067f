import gc
gc.collect()
a = [[1], [2], [3]]
del a
print(gc.collect())
b = [[[]]]
c = b[0]
del b
print(gc.collect())
print(len(c))
