import sys
def inverse(x):
    return 10 // x
xs = [5, 2, 0, 1]
m = map(inverse, xs)
print(next(m), sys.getrefcount(xs))
for v in m:
    print(v)
