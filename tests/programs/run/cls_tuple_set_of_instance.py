# tuple(), set() and frozenset() of iterable instances: set() makes its set before
# calling __iter__; tuple() calls __iter__, then __len__ for its guess (10 without one).
import sys


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        print("iter")
        k = self.n
        while k > 0:
            yield k
            k -= 1


class Sized(Countdown):
    def __len__(self):
        print("len")
        return self.n


class Listed:
    def __init__(self, items):
        self.items = items

    def __iter__(self):
        return iter(self.items)


print(tuple(Countdown(3)), sorted(set(Countdown(4))), sorted(frozenset(Countdown(2))))
print(tuple(Sized(3)), sys.getsizeof(tuple(Sized(12))), sys.getsizeof(tuple(Countdown(12))))
print(tuple(Listed([1, 2])), set(Listed([5, 5, 6])), frozenset(Listed([])) == frozenset())
empty = tuple(Countdown(0))
print(empty, len(empty), sys.getsizeof(empty))
