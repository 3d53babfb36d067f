class T:
    def __init__(self, c):
        self.c = c
    @property
    def f(self):
        return self.c * 9 // 5 + 32
t = T(100)
print(t.f)
