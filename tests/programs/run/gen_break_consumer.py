import sys
def items(xs):
    for x in xs:
        yield x
data = [[1], [2], [3]]
g = items(data)
for v in g:
    print(v)
    break
print(sys.getrefcount(data), sys.getrefcount(g))
print(next(g), sys.getrefcount(data))
rest = list(g)
print(rest, sys.getrefcount(data))
