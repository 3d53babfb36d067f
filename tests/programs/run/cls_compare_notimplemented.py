import sys

class Money:
    def __init__(self, amount):
        self.amount = amount

    def __eq__(self, other):
        print("Money.__eq__", type(other).__name__)
        if not isinstance(other, Money):
            return NotImplemented
        return self.amount == other.amount

    def __lt__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.amount < other.amount

    __hash__ = None

class Euro(Money):
    def __eq__(self, other):
        print("Euro.__eq__", type(other).__name__)
        return NotImplemented

print(Money(1) == Money(1), Money(1) != Money(2))
print(Money(1) == 1, 1 == Money(1), Money(1) != "x")
print(Money(1) == Euro(1))
print(Euro(1) == Money(1))
print(Money(1) < Money(2), Money(3) > Money(2))
try:
    Money(1) < 5
except TypeError as e:
    print(e)
print(NotImplemented, repr(NotImplemented), type(NotImplemented).__name__ if sys.version_info >= (3, 99) else "NotImplementedType")
print(sorted([Money(3), Money(1), Money(2)], key=lambda m: m.amount)[0].amount)
print(min(Money(3), Money(1)).amount)
