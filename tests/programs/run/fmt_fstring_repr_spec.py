import sys
x = ''.join(['h', 'i'])
y = 3.5
z = 10
print(f"{x!r:^12}|{y!r:>8}|{z!s:<4}|{x!s:>4}")
a = f"{x!s:2}"
print(a is x, sys.getrefcount(x))
b = f"{x!r:1}"
print(b, sys.getsizeof(b))
