add = lambda x, y: x + y
print(add(2, 3))
print(add(1000, 2000))
square = lambda n: n * n
print(square(12), square(1.5))
const = lambda: 'fixed'
print(const())
