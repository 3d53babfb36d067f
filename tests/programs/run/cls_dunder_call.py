import sys
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x):
        return x + self.n
add5 = Adder(5)
print(add5(10), add5(-5))
print(sys.getrefcount(add5))
total = 0
for i in range(4):
    total = total + add5(i)
print(total)
x = [1]
class Keep:
    def __call__(self, v):
        self.v = v
        return sys.getrefcount(v)
k = Keep()
print(k(x), sys.getrefcount(x))
