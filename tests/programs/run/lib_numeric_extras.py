# math.isclose, pow(b, e, m), int(text, base): results, errors and the new ints' sizes.
import math
import sys

print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1), math.isclose(5, 5.0))
print(math.isclose(float('inf'), float('inf')), math.isclose(1e308, float('inf')))
print(pow(2, 10, 1000), pow(3, 200, 7), pow(-7, 3, 5), pow(7, 3, -5), pow(5, 0, 1))
big = pow(123456789, 98765, 2 ** 89 - 1)
print(big, sys.getsizeof(big), sys.getrefcount(big))
try:
    pow(2, 3, 0)
except ValueError as e:
    print('ValueError', e)
print(int('ff', 16), int('0xFF', 16), int(' -101 ', 2), int('z', 36), int('1_000', 10))
print(int('0o17', 8), int('0b_11', 2), sys.getsizeof(int('f' * 20, 16)))
for bad, base in (('12', 2), ('0x', 16), ('1__0', 10), ('', 8)):
    try:
        int(bad, base)
    except ValueError as e:
        print('ValueError', e)
try:
    int('1', 40)
except ValueError as e:
    print('ValueError', e)
