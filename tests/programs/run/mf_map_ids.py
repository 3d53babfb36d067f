def make(x):
    return [x, x]
xs = [1, 2, 3, 4]
seen = []
for pair in map(make, xs):
    seen.append(id(pair))
print(seen[0] == seen[1], seen[1] == seen[2])
kept = []
for pair in map(make, xs):
    kept.append(pair)
print(id(kept[0]) != id(kept[1]), id(kept[2]) != id(kept[3]))
# A dict's iterator is in another size class than map and filter objects, so the
# freed map's block is the next one of its class whatever pool it sits in.
d = {1: 0, 2: 0}
a = map(make, d)
ida = id(a)
del a
b = filter(None, d)
print(id(b) == ida)
del b
c = map(make, d)
print(id(c) == ida)
