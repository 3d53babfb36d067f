# random.sample of a range: the picks are new ints made from the range's values.
import random
import sys

random.seed(7)
picks = random.sample(range(1000, 2000), 4)
print(picks, sys.getrefcount(picks[0]), sys.getsizeof(picks))
few = random.sample(range(10), 3)
print(few)
wide = random.sample(range(0, 10 ** 6, 7), 30)
print(wide[:5], len(set(wide)), sys.getsizeof(wide))
print(random.sample(range(5, 0, -1), 5))
