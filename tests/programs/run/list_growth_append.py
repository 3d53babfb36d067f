import sys
l = []
print(len(l), sys.getsizeof(l))
i = 0
while i < 40:
    l.append(i)
    print(len(l), sys.getsizeof(l))
    i += 1
