import sys
s = set()
i = 0
while i < 20:
    s.add(i)
    i += 1
print(sys.getsizeof(s))
while i > 0:
    i -= 1
    s.discard(i)
print(sys.getsizeof(s), len(s), s)
s.add(5)
print(s, sys.getsizeof(s))
