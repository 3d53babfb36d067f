import sys
def keep(n):
    buf = [0] * n
    yield len(buf)
    buf.append(1)
    yield len(buf)
g = keep(10)
print(next(g))
print(next(g))
print(next(g, 'end'))
data = [7, 8]
def holder(x):
    copy = x
    yield 1
    yield 2
h = holder(data)
print(sys.getrefcount(data))
next(h)
print(sys.getrefcount(data))
next(h)
print(sys.getrefcount(data))
next(h, None)
print(sys.getrefcount(data))
