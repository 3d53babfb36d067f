class A:
    def __init__(self, n):
        self.n = n
x = A(10)
y = A(20)
print(x == y, x != y)
print(x < y)
