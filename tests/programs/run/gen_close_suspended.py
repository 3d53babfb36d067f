import sys
def hold(x):
    y = [x]
    yield 1
    yield 2
data = [1, 2, 3]
g = hold(data)
print(next(g), sys.getrefcount(data))
g.close()
print(sys.getrefcount(data))
print(next(g, 'closed'))
