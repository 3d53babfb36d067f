import math
import sys
f = math.factorial(20)
print(f, sys.getsizeof(f), math.factorial(0), math.factorial(5))
g = math.factorial(100)
print(sys.getsizeof(g), len(str(g)))
print(math.gcd(12, 18), math.gcd(-4, 6), math.gcd(0, 0), math.isqrt(99), math.isqrt(10 ** 20))
print(math.comb(10, 3), math.perm(10, 3), math.comb(5, 7), sys.getsizeof(math.comb(100, 50)))
