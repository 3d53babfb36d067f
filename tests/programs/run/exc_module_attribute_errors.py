# A library module's missing attribute, caught: a call's callee (the arguments are not
# evaluated) and a value.
import functools
import itertools
import math
import random


def arg():
    print("evaluated")
    return 1


for attempt in range(2):
    try:
        random.randInt(arg(), 6)
    except AttributeError as e:
        print(e)
try:
    functools.cach
except AttributeError as e:
    print(e)
try:
    print(math.pii)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    itertools.permutation([1, 2])
except AttributeError as e:
    print(e)
print(math.pi, len(list(itertools.permutations([1, 2]))))
