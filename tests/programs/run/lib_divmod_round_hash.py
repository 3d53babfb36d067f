import sys
q = divmod(17, 5)
print(q, sys.getsizeof(q), divmod(-17, 5), divmod(17, -5), divmod(1000, 7))
print(round(2.5), round(3.5), round(-2.5), round(0.4999), round(7), round(1e15 + 0.5))
print(hash(5), hash(-1), hash(2 ** 61), hash(2 ** 61 - 1), hash(True), hash(10 ** 20))
n = 100000
h = hash(n)
print(h == n, h is n)
