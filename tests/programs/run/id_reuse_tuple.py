a = 1000
b = 2000
t = (a, b)
i = id(t)
del t
u = (b, a)
print(id(u) == i, u)
