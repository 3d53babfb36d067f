k = 7
hi = k + 993
lo = k - 507
st = k - 307
x = k + 1000
ix = id(x)
x2 = k + 1001
ix2 = id(x2)
del x2
del x
r = range(hi, lo, st)
a = k + 2000
b = k + 2001
c = k + 2002
print(id(a) == ix, id(b) == ix2, id(c) == ix, len(r), r[0] if False else len(r))
for v in r:
    print(v, end=' ')
print()
