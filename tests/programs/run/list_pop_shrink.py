import sys
l = []
n = 0
while n < 20:
    l.append(n * 1000)
    n += 1
print(sys.getsizeof(l))
while len(l) > 0:
    v = l.pop()
    print(v, len(l), sys.getsizeof(l))
