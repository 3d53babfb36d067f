import sys
class Count:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i * 10
c = Count(3)
print(sys.getrefcount(c))
for x in c:
    print(x, sys.getrefcount(c))
print(sys.getrefcount(c))
for x in c:
    print('never')
print(sys.getrefcount(c), c.i)
class Loop:
    def __init__(self, items):
        self.items = items
        self.at = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.at == len(self.items):
            raise StopIteration()
        self.at += 1
        return self.items[self.at - 1]
xs = ['a', 'b']
lp = Loop(xs)
for y in lp:
    print(y, sys.getrefcount(lp), sys.getrefcount(xs))
print(sys.getrefcount(lp), sys.getrefcount(xs))
print(next(Count(2)), next(Count(0), 'default'))
print([z + 1 for z in Count(3)], sum(Count(4)))
