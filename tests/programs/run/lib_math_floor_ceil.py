import math
import sys
for x in (0.0, -0.0, 0.5, -0.5, 1.9999999999999998, 1e300):
    f = math.floor(x)
    c = math.ceil(x)
    print(x, f, c, sys.getsizeof(f), sys.getsizeof(c))
print(math.trunc(2.5), math.trunc(-2.5), math.floor(7))
