import sys
def show(x):
    print('in', sys.getrefcount(x))
    return [x]
base = 10
big = base ** 20
items = [big, big + 1]
print(sys.getrefcount(big))
m = map(show, items)
r = next(m)
print(r, sys.getrefcount(big), sys.getrefcount(r))
r2 = next(m)
print(r2, sys.getrefcount(r2[0]))
print(next(m, 'done'), next(m, 'again'))
print(sys.getrefcount(items))
del m
print(sys.getrefcount(items))
print(next(map(show, []), 'empty'))
