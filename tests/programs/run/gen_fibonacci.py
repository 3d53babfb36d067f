import sys
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
sizes = []
for n in fib():
    if n > 10 ** 30:
        print(n, sys.getsizeof(n))
        break
    sizes.append(sys.getsizeof(n))
print(sizes[:3], sizes[-3:])
