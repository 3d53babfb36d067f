import sys
s = set()
print(sys.getsizeof(s))
i = 0
while i < 40:
    s.add(i)
    print(len(s), sys.getsizeof(s))
    i += 1
