import sys
print(sys.getsizeof(0))
print(sys.getsizeof(1))
print(sys.getsizeof(-1))
print(sys.getsizeof(2 ** 30 - 1))
print(sys.getsizeof(2 ** 30))
print(sys.getsizeof(2 ** 60))
print(sys.getsizeof(2 ** 90))
print(sys.getsizeof(True), sys.getsizeof(False))
big = 1
n = 0
while n < 10:
    big = big * 1000003
    print(sys.getsizeof(big))
    n += 1
print(big)
