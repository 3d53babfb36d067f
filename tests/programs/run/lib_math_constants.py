import math
import sys
p = math.pi
print(p, math.e, math.tau, math.inf, -math.inf, math.nan)
print(p is math.pi, math.pi == 3.141592653589793, sys.getsizeof(math.pi))
area = math.pi * 2.0 ** 2
print(area, sys.getsizeof(area))
vals = [math.pi, math.pi, math.e]
print(vals[0] is vals[1], len(vals))
