import sys
n = 1
k = 0
while k < 12:
    n = n * 2 ** 20
    print(k, sys.getsizeof(n))
    k += 1
print(n % 1000007, -n // 3 % 1000)
