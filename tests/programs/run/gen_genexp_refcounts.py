import sys
data = [[1], [2], [3]]
print(sys.getrefcount(data))
g = (len(x) for x in data)
print(sys.getrefcount(data))
print(next(g), sys.getrefcount(data))
print(next(g), next(g), sys.getrefcount(data))
print(next(g, 'done'), sys.getrefcount(data))
