import sys
class Bag:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        for x in self.items:
            yield x
b = Bag([10, 20, 30])
print(sys.getrefcount(b))
for v in b:
    print(v, sys.getrefcount(b))
print(sys.getrefcount(b))
xs = list(b)
print(xs, sys.getsizeof(xs), sum(b), sys.getrefcount(b))
it = iter(b)
print(sys.getrefcount(b), next(it), sys.getrefcount(b))
print(next(it), next(it), next(it, 'done'), sys.getrefcount(b))
del it
print(sys.getrefcount(b))
def squares(bag):
    for v in bag:
        yield v * v
ys = list(squares(b))
print(ys, sys.getsizeof(ys), sys.getrefcount(b))
total = 0
for v in b:
    if v == 20:
        break
    total += v
print(total, sys.getrefcount(b))
