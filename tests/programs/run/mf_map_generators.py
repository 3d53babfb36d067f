import sys
def square(x):
    return x * x
def numbers(n):
    for i in range(n):
        yield i
g = numbers(4)
m = map(square, g)
print(sys.getrefcount(g), sys.getsizeof(m))
for v in m:
    print(v, sys.getrefcount(g))
del m
print(sys.getrefcount(g))
print(sum(map(square, numbers(5))), [w for w in filter(None, numbers(4))])
print([t for t in filter(lambda k: k > 1, (j * 2 for j in range(4)))])
print(sum(map(lambda a, b: a * b, numbers(3), [5, 6, 7])))
