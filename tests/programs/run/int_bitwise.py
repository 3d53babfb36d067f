# The bitwise operators on ints and bools (& | ^ << >>, and in place on names): bool & bool is a bool; constant operands are folded (a shift within 128 bits).
import sys
a, b = 12, 10
print(a & b, a | b, a ^ b, a << 2, a >> 1, -a >> 1, -a & 0xff, 1 << 70, (1 << 70) >> 69)
print(True & False, True | False, True ^ True, True & 1, True << 3, type(True & False).__name__)
x = 5
x |= 2
x &= 6
x ^= 1
x <<= 3
x >>= 1
print(x, 1 << 100 == 2 ** 100, sys.getsizeof(1 << 100), sys.getsizeof(1 << 10))
flags = 0
for bit in range(5):
    flags |= 1 << bit
print(flags, bin(flags) if False else flags, 255 & ~15)
big = (1 << 200) | 1
print(big & 0xffff, sys.getsizeof(big))
try:
    print(1 << -1)
except ValueError as e:
    print("ValueError:", e)
try:
    print(1.5 & 1)
except TypeError as e:
    print("TypeError:", e)
try:
    y = 2.0
    y |= 1
except TypeError as e:
    print("TypeError:", e)
