import random
import sys
random.seed(123)
pool = ('alpha', 'beta', 'gamma', 'delta', 'epsilon')
picks = []
for i in range(8):
    picks.append(random.choice(pool))
print(picks, sys.getsizeof(picks))
print(random.choice([[1], [2]]), random.choice(range(3)) if False else random.choice([None]))
