import sys
n = 999
n = n + 1
r = range(n)
print(r, len(r), sys.getsizeof(r), sys.getrefcount(n))
total = 0
for i in range(995, 1003):
    total = total + i
print(total, sum(range(300)), max(range(-400, 300, 7)), min(range(1000, 250, -3)))
big = 10 ** 12
big = big + 0
s = range(big, big + 5)
print(len(s), sys.getsizeof(s), sys.getrefcount(big))
for v in range(big, big + 3):
    print(v, sys.getsizeof(v))
neg = range(500, -500, -250)
for v in neg:
    print(v, end=' ')
print(len(range(0, 1000, 7)), len(range(1000, 0)), list(range(298, 302)))
