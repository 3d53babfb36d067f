import gc
print(gc.isenabled())
i = 0
while i < 1000:
    a = [i]
    a.append(a)
    i += 1
print(gc.collect())
