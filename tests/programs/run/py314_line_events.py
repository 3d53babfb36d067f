import sys
a = [1, 2]; b = a; print(sys.getrefcount(a))
if len(a) > 1: c = (a, b)
for i in range(3): a.append(i)
print(sys.getsizeof(a), len(a))
def grow(items, n):
    k = 0
    while k < n:
        items.append(k)
        k += 1
    else:
        done = True
    return len(items)
print(grow(a, 2), sys.getsizeof(a))
sq = lambda v: v * v
total = sq(3) + sq(4)
for x in [5, 6, 7]:
    if x == 5:
        total += x
    elif x == 6:
        total -= 1
    else:
        break
else:
    total = 0
print(total)
del c
print(sys.getrefcount(a), sys.getrefcount(b))
