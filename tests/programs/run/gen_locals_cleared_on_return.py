import sys
def work(xs):
    temp = [0, len(xs)]
    for x in xs:
        yield x
data = [1, 2]
g = work(data)
print(sys.getrefcount(data))
print(next(g), sys.getrefcount(data))
print(next(g), sys.getrefcount(data))
print(next(g, 'end'), sys.getrefcount(data))
