d = {'a': 1}
i = id(d)
del d
e = {'b': 2}
print(id(e) == i)
