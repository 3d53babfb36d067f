import gc
gc.collect()
l = []
s = {1, 2}
t = (l, s)
l.append(t)
del l, s, t
print(gc.collect())
