import sys
d = {}
print(sys.getsizeof(d))
i = 0
while i < 40:
    d[i] = i
    print(len(d), sys.getsizeof(d))
    i += 1
