a = 1000
b = 1000
print(a is b)
c = a + 0
print(c is a, c == a)
def f():
    return 1000
print(f() is a)
d = 999 + 1
print(d is a)
e = 10 ** 3
print(e is a)
