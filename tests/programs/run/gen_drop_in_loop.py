import sys
def walk(xs):
    for x in xs:
        yield x
data = [[1], [2], [3]]
g = walk(data)
print(sys.getrefcount(data))
first = next(g)
print(first, sys.getrefcount(data), sys.getrefcount(first))
del g
print(sys.getrefcount(data), sys.getrefcount(first))
