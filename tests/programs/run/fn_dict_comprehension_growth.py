import sys
for n in [0, 1, 5, 6, 10, 11, 21, 22, 43, 44]:
    d = {i: None for i in range(n)}
    s = {i * 1.5: i for i in range(n)}
    print(n, sys.getsizeof(d), sys.getsizeof(s))
