xs = [5, 6, 7, 6]
print(xs.index(6), xs.count(6), xs.count(9), (1, 2, 1).count(1))
try_ok = 7 in xs
print(try_ok, xs.index(7))
xs.index(99)
