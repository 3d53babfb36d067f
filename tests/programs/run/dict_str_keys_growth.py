import sys
d = {}
i = 10
while i < 60:
    d[str(i)] = i
    print(len(d), sys.getsizeof(d))
    i += 1
e = {}
e['x1'] = 1
print(sys.getsizeof(e))
e[2] = 2
print(sys.getsizeof(e))
