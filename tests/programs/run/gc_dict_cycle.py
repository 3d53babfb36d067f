import gc
gc.collect()
d = {'k': 1}
d['me'] = d
del d
print(gc.collect())
e = {}
f = {'e': e}
e['f'] = f
del e, f
print(gc.collect())
