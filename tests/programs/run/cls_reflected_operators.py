# Reflected operators (__radd__, __rsub__, __rmul__), NotImplemented becoming a
# TypeError, sum() of instances, and `and`/`or` on instances.
import sys


class Meters:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        if isinstance(other, Meters):
            return Meters(self.v + other.v)
        return NotImplemented

    def __radd__(self, other):
        if other == 0:
            return self
        return NotImplemented

    def __rsub__(self, other):
        return Meters(other - self.v)

    def __mul__(self, k):
        return Meters(self.v * k)

    def __rmul__(self, k):
        return Meters(self.v * k * 10)

    def __repr__(self):
        return f'{self.v}m'

    def __bool__(self):
        return self.v != 0


class Feet(Meters):
    def __radd__(self, other):
        return Feet(-1)


m = Meters(2)
print(0 + m, 10 - m, m * 3, 3 * m)
print(sum([Meters(1), Meters(2), Meters(3)]), sum([], Meters(5)), sum([m], Meters(1)))
print(m + Feet(1))
for bad in (lambda: m + 5, lambda: 5 + Meters(1) + 1, lambda: None + m):
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
total = Meters(0)
total += Meters(4)
print(total, Meters(0) or 'zero', m and 'both', sys.getrefcount(m))
