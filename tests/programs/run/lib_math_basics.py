import math
import sys
r = math.sqrt(2)
print(r, sys.getsizeof(r), math.sqrt(16), math.sqrt(0.25), math.fabs(-3), math.fmod(7.5, 2))
print(math.floor(2.7), math.ceil(2.1), math.floor(-2.5), math.ceil(-2.5), math.trunc(-7.9))
n = 123455
n = n + 1
print(math.floor(n) is n, math.ceil(n) is n, sys.getrefcount(n))
big = math.floor(1e20)
print(big, sys.getsizeof(big), type(big).__name__)
print(math.copysign(3, -0.0), math.isfinite(1.5), math.isinf(math.inf), math.isnan(math.nan))
