xs = [5, 6, 7]
ids = []
for t in enumerate(xs):
    ids.append(id(t))
    del t
print(ids[0] == ids[1], ids[1] == ids[2])
zs = []
for t in zip(xs, xs):
    zs.append(id(t))
    del t
print(zs[0] == zs[1])
