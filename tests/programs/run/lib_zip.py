import sys
a = [1, 2, 3]
b = ['x', 'y']
for n, s in zip(a, b):
    print(n, s, sys.getrefcount(a))
z = zip(a, b, a)
print(sys.getsizeof(z), sys.getrefcount(a), sys.getrefcount(b))
del z
print(sys.getrefcount(a))
kept = []
for t in zip(a, a):
    kept.append(t)
print(kept, kept[0] is kept[1], sys.getsizeof(kept[0]))
d = {'k': 1, 'j': 2}
for k, v in zip(d.keys(), d.values()):
    print(k, v)
for (i, x), y in zip(enumerate(a), b):
    print(i, x, y)
