import sys
def collatz(n):
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
            yield n
        if n > 100:
            yield -n
got = list(collatz(27))
print(len(got), got[:5], sys.getsizeof(got))
