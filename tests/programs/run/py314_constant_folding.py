import sys
a = 2 ** 100
b = 2 ** 100
print(a is b, sys.getsizeof(a))
s = "abc"[1]
t = "abc"[1:2]
print(s == t, sys.getsizeof(t))
u = (1, 2, (3, 4))
v = (1, 2, (3, 4))
print(u is v, sys.getsizeof(u))
w = -(2 ** 70)
x = -(2 ** 70)
print(w is x, sys.getsizeof(w))
y = "ab" * 3
z = "ab" * 3
print(y is z, sys.getsizeof(y))
big = "x" * 5000
print(big is "x" * 5000, sys.getsizeof(big))
n = not 0
print(n, (1, 2)[0] is 1)
for k in [1000, 2000]:
    print(k is 1000)
