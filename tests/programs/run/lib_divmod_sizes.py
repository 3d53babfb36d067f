import sys
for a, b in ((7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (1000000, 3)):
    q, r = divmod(a, b)
    print(a, b, q, r, q * b + r == a)
t = divmod(100, 7)
print(sys.getsizeof(t), type(t).__name__)
