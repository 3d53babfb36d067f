import random
import sys
random.seed(5)
a = [1]
b = [2]
deck = [a, b, a, b, a]
print(sys.getrefcount(a), sys.getrefcount(b))
random.shuffle(deck)
print(deck, sys.getrefcount(a), sys.getrefcount(b), sys.getsizeof(deck))
random.shuffle(deck)
print(deck)
