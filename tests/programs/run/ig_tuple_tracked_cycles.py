import gc
gc.collect()
a = []
keys = (1, 'k')
a.append((keys, a))
a.append(keys)
print(gc.is_tracked(keys), gc.is_tracked(a[0]))
del a
print(gc.collect())
print(gc.is_tracked(keys))
b = [keys]
box = (b, keys)
b.append(box)
print(gc.is_tracked(box), box[1] is keys)
del b, box
print(gc.collect())
n = 5
pairs = [(n, n + 1), ([n], n)]
pairs.append(pairs)
print([gc.is_tracked(p) for p in pairs])
del pairs
print(gc.collect())
