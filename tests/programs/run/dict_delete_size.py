import sys
d = {}
i = 0
while i < 10:
    d[i] = i
    i += 1
before = sys.getsizeof(d)
while i > 2:
    i -= 1
    del d[i]
print(before, sys.getsizeof(d), len(d), d)
d[100] = 1
print(sys.getsizeof(d))
