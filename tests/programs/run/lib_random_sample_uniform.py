import random
import sys
random.seed(2024)
s = random.sample([10, 20, 30, 40, 50, 60, 70, 80], 3)
print(s, sys.getsizeof(s))
big = list(range(100))
t = random.sample(big, 5)
print(t, sys.getsizeof(t))
u = random.uniform(1, 3)
print(u, random.uniform(-1.5, 1.5))
print(random.sample((1, 2, 3), 0), random.sample(big, 30)[:4])
