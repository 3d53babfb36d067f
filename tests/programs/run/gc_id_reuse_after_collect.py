import gc
a = [1, 2, 3]
a.append(a)
addr = id(a)
del a
gc.collect()
b = [4, 5, 6]
print(id(b) == addr)
