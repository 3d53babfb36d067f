# Builtins that only iterate, over an iterable instance: min, max, any, all and sorted
# take its __iter__'s iterator (a generator, or a list's).
import sys


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        k = self.n
        while k > 0:
            yield k
            k -= 1


class Bag:
    def __init__(self, *items):
        self.items = list(items)

    def __iter__(self):
        return iter(self.items)


c = Countdown(5)
print(max(c), min(c), any(c), all(c), sorted(c))
b = Bag(3, 1, 2)
print(max(b), min(b), sorted(b), any(Bag()), all(Bag(1, 0)))
t = sorted(Countdown(3))
print(t, sys.getsizeof(t), sys.getsizeof(sorted(Countdown(9))))
print(sys.getsizeof(sorted(Bag(*list(range(10))))), sys.getrefcount(b))
try:
    max(Countdown(0))
except ValueError as e:
    print(e)
