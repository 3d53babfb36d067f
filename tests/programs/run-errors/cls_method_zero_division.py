class Ratio:
    def __init__(self, a, b):
        self.a = a
        self.b = b
    def value(self):
        return self.a / self.b
r = Ratio(1, 2)
print(r.value())
r.b = 0
print(r.value())
