d = {}
d['b'] = 1
d['a'] = 2
d['c'] = 3
print(d)
del d['a']
d['a'] = 4
print(d)
for k in d:
    print(k, d[k])
print(len(d))
