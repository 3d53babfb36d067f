import random
import sys
random.seed(42)
x = random.random()
print(x, sys.getsizeof(x))
print(random.random(), random.random())
random.seed(0)
print(random.randint(1, 6), random.randint(1, 6), random.randint(1, 6), random.randrange(100))
random.seed(12345678901234567890)
print(random.random(), random.getrandbits(70), random.getrandbits(5))
random.seed(-3)
a = random.random()
random.seed(3)
print(a == random.random())
