import sys
for n in [0, 1, 4, 5, 18, 19, 77, 78]:
    s = {i for i in range(n)}
    print(n, sys.getsizeof(s))
