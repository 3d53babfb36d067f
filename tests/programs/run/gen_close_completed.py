import sys
def one(x):
    yield x
data = [5, 6]
g = one(data)
for v in g:
    print(v, sys.getrefcount(data))
print(sys.getrefcount(data))
g.close()
print(sys.getrefcount(data), next(g, 'done'))
