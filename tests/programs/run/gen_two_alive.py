import sys
def walk(xs):
    for x in xs:
        yield x
data = [1, 2, 3]
a = walk(data)
b = walk(data)
print(next(a), next(b), sys.getrefcount(data))
print(next(a), sys.getsizeof(a), sys.getsizeof(b))
del a
print(sys.getrefcount(data))
print(list(b), sys.getrefcount(data))
