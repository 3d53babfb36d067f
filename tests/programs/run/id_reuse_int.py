base = 100000
x = base + 1
i = id(x)
del x
y = base + 2
print(id(y) == i, y)
