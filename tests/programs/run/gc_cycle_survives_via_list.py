import gc
gc.collect()
keep = []
a = []
a.append(a)
keep.append(a)
del a
print(gc.collect())
keep.pop()
print(gc.collect())
