import sys
d = {'one': 1, 'two': 2, 'three': 3}
total = 0
for key in d:
    total += d[key]
    print(key, len(key))
print(total, sys.getsizeof(d))
