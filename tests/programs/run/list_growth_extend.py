import sys
l = []
for chunk in [(1,), (2, 3), (4, 5, 6), (7, 8, 9, 10, 11), (12,), (13, 14, 15, 16, 17, 18, 19, 20, 21)]:
    l.extend(chunk)
    print(len(l), sys.getsizeof(l))
m = [1, 2]
m.extend([3, 4, 5, 6, 7])
print(sys.getsizeof(m), m)
m.extend(range(5))
print(sys.getsizeof(m), len(m))
