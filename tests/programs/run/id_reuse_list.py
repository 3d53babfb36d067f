a = [1, 2, 3]
i = id(a)
del a
b = [4, 5]
print(id(b) == i)
c = [6]
print(id(c) == i)
