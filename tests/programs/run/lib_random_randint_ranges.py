import random
random.seed(99)
rolls = []
for i in range(20):
    rolls.append(random.randint(1, 6))
print(rolls)
print(random.randrange(1000000), random.randrange(-50, 50), random.randint(10 ** 20, 10 ** 20 + 5))
big = random.getrandbits(200)
print(big, big < 2 ** 200)
