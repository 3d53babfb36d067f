# getattr()/hasattr() of a property run its getter, as attribute access does.
import sys


class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius
        self.reads = 0

    @property
    def fahrenheit(self):
        self.reads += 1
        return [self._celsius * 9 / 5 + 32]


t = Temperature(100)
print(hasattr(t, 'fahrenheit'), t.reads)
value = getattr(t, 'fahrenheit', None)
print(value, t.reads, sys.getrefcount(value))
print(getattr(t, 'kelvin', 'none'), hasattr(t, 'kelvin'), t.reads)
