# dir(collections) has 'abc' once tracemalloc is imported (its imports load
# collections.abc; 3.11 has it from the start): the hint finds it. 3.8/3.9 collections
# has a module __getattr__ (the old ABC names): refused there.
import tracemalloc
import collections

print(collections.ab)
