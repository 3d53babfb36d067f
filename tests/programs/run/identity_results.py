x = [1]
a = type(x).__name__
b = type(x).__name__
print(a is b, a == b)
n = 123456
print(abs(n) is n, +n is n, -(-n) is n)
f = 2.5
print(+f is f, abs(f) is f)
s = 'hello world'
print(s[:] is s, s * 1 is s, str(s) is s)
c = True
print(int(c) is 1, type(c).__name__)
