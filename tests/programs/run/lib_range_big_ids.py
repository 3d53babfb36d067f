k = 7
n = k + 993
x = k + 1000
ix = id(x)
del x
r = range(n)
y = k + 2000
print(id(y) == ix, len(r))
x = k + 1000
ix = id(x)
del x
r2 = range(k, n, 3)
y = k + 2000
print(id(y) == ix, len(r2))
