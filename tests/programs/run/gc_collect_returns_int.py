import gc
gc.collect()
n = gc.collect()
print(n, type(n).__name__)
l = [[]]
l[0].append(l)
del l
n = gc.collect()
print(n + 1, n * 2)
