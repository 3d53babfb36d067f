import sys
def source(xs):
    for x in xs:
        yield x
def consume(it):
    total = 0
    for v in it:
        total += v
    return total
data = [10, 20, 30]
print(consume(source(data)), sys.getrefcount(data))
g = source(data)
print(sys.getrefcount(g))
print(consume(g), sys.getrefcount(g))
