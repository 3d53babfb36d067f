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
a = map(make, xs)
ida = id(a)
del a
b = filter(None, xs)
print(id(b) == ida)
del b
c = map(make, xs)
print(id(c) == ida)
