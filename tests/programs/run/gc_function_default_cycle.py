import gc
gc.collect()
holder = []
f = lambda x=holder: x
holder.append(f)
del f
print(gc.collect())
del holder
print(gc.collect())
