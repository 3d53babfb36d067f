import random
import sys
random.seed(1)
first = [random.random(), random.random()]
random.seed(1)
second = [random.random(), random.random()]
print(first == second, first[0] is second[0], sys.getsizeof(first[0]))
random.seed(2 ** 64 + 1)
print(random.random())
random.seed(0)
print(random.random())
