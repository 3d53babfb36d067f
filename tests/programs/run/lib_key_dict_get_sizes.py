import sys
d = {}
for i, w in enumerate("the quick brown fox jumps over the lazy dog the end".split()):
    d[w] = d.get(w, 0) + i
x = []
print(id(x) != id(d))
ranked = sorted(d, key=d.get)
print(ranked)
y = [1, 2]
z = (3, 4, 5)
print(sys.getsizeof(ranked), sys.getrefcount(d))
keys = list(d)
keys.sort(key=d.get, reverse=True)
print(keys[:3])
a = [10, 20]
print(max(d.keys(), key=d.get))
print(id(a) != id(z))
