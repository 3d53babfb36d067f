import sys
def empty():
    yield
def one(a):
    yield a
def loop(xs):
    for x in xs:
        yield x * x
def nested(xs, ys):
    for x in xs:
        for y in ys:
            yield x + y
def delegate(xs):
    yield from xs
def counter(n):
    i = 0
    total = 0
    while i < n:
        total = total + i
        yield total
        i += 1
print(sys.getsizeof(empty()))
print(sys.getsizeof(one(1)))
print(sys.getsizeof(loop((1, 2))))
print(sys.getsizeof(nested((1,), (2,))))
print(sys.getsizeof(delegate((1, 2))))
print(sys.getsizeof(counter(3)))
