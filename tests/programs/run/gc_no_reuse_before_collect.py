import gc
a = []
a.append(a)
addr = id(a)
del a
b = []
print(id(b) == addr)
del b
gc.collect()
c = []
print(id(c) == addr)
