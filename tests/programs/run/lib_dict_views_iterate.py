import sys
d = {}
for i in range(6):
    d[i] = [i] * i
total = 0
for v in d.values():
    total = total + len(v)
print(total)
for k in d.keys():
    print(k, end=' ')
print()
keys = d.keys()
print(sys.getrefcount(d), sys.getsizeof(keys))
del keys
print(sys.getrefcount(d))
for k, v in d.items():
    if k == 2:
        break
print(k, v, sys.getrefcount(d))
