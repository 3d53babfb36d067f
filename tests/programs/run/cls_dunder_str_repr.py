import sys
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __str__(self):
        return str(self.cents // 100) + "." + str(self.cents % 100)
    def __repr__(self):
        return "Money(" + str(self.cents) + ")"
m = Money(1234)
print(m)
print(repr(m))
print(str(m))
r = repr(m)
print(sys.getrefcount(r), len(r))
print(m, m, sep=" | ")
class OnlyRepr:
    def __repr__(self):
        return "<only>"
print(OnlyRepr())
print(str(OnlyRepr()))
