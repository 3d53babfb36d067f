import sys
class Counter:
    made = 0
    @classmethod
    def make(cls, n):
        cls.made = cls.made + n
        return cls.made
    @classmethod
    def count(cls):
        return sys.getrefcount(cls)
print(Counter.make(2), Counter().make(3), Counter.made)
before = sys.getrefcount(Counter)
b = Counter.make
print(type(b).__name__, sys.getsizeof(b), sys.getrefcount(Counter) - before)
print(b(10))
del b
print(sys.getrefcount(Counter) - before)
c = Counter()
print(c.count() - before, Counter.count() - before)
