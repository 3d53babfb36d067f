import gc
print(gc.get_threshold())
gc.collect()
a = []
a.append(a)
del a
print(gc.collect(1))
b = []
b.append(b)
del b
print(gc.collect())
c = {}
c['self'] = c
print(gc.collect(0))
del c
print(gc.collect(0))
pair = [[], []]
pair[0].append(pair[1])
pair[1].append(pair[0])
pair = None
print(gc.collect(0), gc.collect())
gc.set_threshold(1500, 5, 7)
print(gc.get_threshold())
gc.set_threshold(0)
print(gc.get_threshold(), gc.isenabled())
