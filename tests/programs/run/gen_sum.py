import sys
def evens(n):
    for i in range(n):
        if i % 2 == 0:
            yield i
s = sum(evens(20))
print(s, sys.getsizeof(s))
big = sum(x * 1000000007 for x in range(50))
print(big, sys.getsizeof(big))
print(sum(x for x in (1, 2, 3)))
