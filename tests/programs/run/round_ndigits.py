vals = [2.675, 0.125, 0.375, 2.5, -2.5, 1.005, 123.456, -0.0004, 1e-7, 5e20, 0.5, 1234.5, -1234.5, 0.1 + 0.2]
for v in vals:
    print(v, round(v, 2), round(v, 0), round(v, 1), round(v, -1), round(v, -2), round(v, 3))
print(round(17, 2), round(True, 1) if False else 0, round(10 / 3, 4), round(2 / 3, 10))
import sys
x = round(3.14159, 2)
print(x, sys.getsizeof(x))
