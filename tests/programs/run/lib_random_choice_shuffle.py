import random
import sys
random.seed(7)
items = ['red', 'green', 'blue', 'cyan']
pick = random.choice(items)
print(pick, pick is items[items.index(pick)], sys.getrefcount(items))
deck = list(range(10))
before = sys.getsizeof(deck)
random.shuffle(deck)
print(deck, sys.getsizeof(deck) == before)
random.shuffle(deck)
print(deck)
print(random.randrange(0, 100, 5), random.randrange(10, 0, -3), random.randrange(5))
