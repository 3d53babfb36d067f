import gc
gc.collect()
a = []
b = [a]
a.append(b)
print(len(a), len(b))
del a, b
found = gc.collect()
print(found)
print("The two lists kept each other alive after del; the collector found", found, "unreachable objects and freed them.")
