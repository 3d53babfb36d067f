import math
import sys
for v in (0, 1, 2, 3, 0.5, 1e-300, 1e300, 123456789):
    r = math.sqrt(v)
    print(v, r, r * r == v)
print(math.sqrt(2) is math.sqrt(2), sys.getsizeof(math.sqrt(9)))
print(math.fabs(-0.0), math.copysign(1.0, -3), math.fmod(-7, 3), math.fmod(7, -3))
