import sys
# vars(), pow(), float() of a str, any/all/min/max over generators and iterators.
class Box:
    def __init__(self, w, h):
        self.w = w
        self.h = h
b = Box(2, 3)
d = vars(b)
print(d, d is b.__dict__, sys.getsizeof(d))
print(pow(2, 10), pow(2, -1), pow(2.0, 3), pow(3, 40), pow(-8, 2))
print(float("1.5"), float(" -2e3 "), float("inf"), float(".5"), float("7"))
try:
    float("abc")
except ValueError as e:
    print("ValueError:", e)
nums = [5, 3, 8, 1]
print(any(n > 7 for n in nums), all(n > 0 for n in nums), any(n > 9 for n in nums))
print(max(n * 2 for n in nums), min(len(w) for w in ["ab", "c"]), max(iter(nums)))
print(all(c.isalpha() for c in "abc"), any(enumerate([])), max(enumerate("zy")))
first, second = "ab"
x, y, z = "xyz"
print(first, second, x + y + z)
try:
    p, q = "abc"
except ValueError as e:
    print("ValueError:", e)
try:
    p, q, r = "ab"
except ValueError as e:
    print("ValueError:", e)
