import sys
for n in [0, 1, 4, 5, 8, 9, 16, 17, 25, 26, 40]:
    a = [i for i in range(n)]
    b = list(range(n)) if n < 0 else [None] * n
    print(n, sys.getsizeof(a), sys.getsizeof(b))
