import sys
def pairs(n):
    for i in range(n):
        for j in range(i):
            yield (i, j)
got = list(pairs(5))
print(got)
print(sys.getsizeof(got), sys.getsizeof(got[0]))
