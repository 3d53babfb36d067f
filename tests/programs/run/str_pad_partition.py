import sys
s = "abc"
print(s.center(7, "*"), s.center(8), "ab".center(5, "-"), "7".zfill(3), "-42".zfill(6), "+1".zfill(1))
print("ab".ljust(4) + "|", "ab".rjust(4), s.ljust(2) is s, s.rjust(3) is s, s.zfill(0) is s)
wide = s.center(10)
print(repr(wide), sys.getsizeof(wide), sys.getsizeof("x".ljust(2)))
for text in ["key=value", "no-sep", "a=b=c", "=xy", "yz="]:
    p = text.partition("=")
    r = text.rpartition("=")
    print(p, r, sys.getsizeof(p))
t = "no-sep"
print(t.partition("=")[0] is t, t.rpartition("=")[2] is t)
try:
    "x".partition("")
except ValueError as e:
    print("ValueError:", e)
