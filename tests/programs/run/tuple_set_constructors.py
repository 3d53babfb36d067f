import sys
l = [3, 1, 2]
t = tuple(l)
print(t, sys.getsizeof(t))
print(tuple() is (), tuple(t) is t)
s = set(l)
print(s, sys.getsizeof(s))
fs = set(s)
print(fs == s, fs is s)
e = set()
print(sys.getsizeof(e), len(e))
