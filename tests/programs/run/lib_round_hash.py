import sys
vals = [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1e16, 123.456]
for v in vals:
    r = round(v)
    print(v, r, type(r).__name__, sys.getsizeof(r))
n = 10 ** 30
print(hash(n) == n % (2 ** 61 - 1), hash(-n) == -(n % (2 ** 61 - 1)), hash(0), hash(-2))
