import sys
class Counter:
    def __init__(self, start):
        self.n = start
    def inc(self, by):
        self.n = self.n + by
        return self.n
    def peek(self):
        return sys.getrefcount(self)
c = Counter(10)
print(c.inc(5), c.inc(100))
print(c.peek())
print(c.n)
for i in range(3):
    c.inc(i)
print(c.n)
