import sys
def first_big(xs, limit):
    for x in xs:
        if x > limit:
            return x
        yield x
data = [1, 5, 50, 7]
g = first_big(data, 10)
print(next(g), next(g), sys.getrefcount(data))
print(next(g, 'stopped'), sys.getrefcount(data))
