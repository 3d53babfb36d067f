import sys
def hold(x):
    y = x
    yield 1
    yield 2
data = [1, 2]
g = hold(data)
print(sys.getrefcount(data))
next(g)
print(sys.getrefcount(data))
del g
print(sys.getrefcount(data))
