import sys
def hold(x):
    yield x
    yield x
data = [1, 2, 3]
g = hold(data)
print(sys.getrefcount(data))
g.close()
print(sys.getrefcount(data))
print(next(g, 'closed'))
del g
print(sys.getrefcount(data))
