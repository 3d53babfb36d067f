# An OrderedDict as a counter: augmented assignment reads and stores through it.
import sys
import collections

counts = collections.OrderedDict()
for word in 'the cat and the hat and the bat'.split():
    if word in counts:
        counts[word] += 1
    else:
        counts[word] = 1
print(counts)
print(sys.getsizeof(counts), len(counts))
top = 0
for v in counts.values():
    if v > top:
        top = v
print([k for k, v in counts.items() if v == top])
for k in list(counts):
    if counts[k] == 1:
        del counts[k]
print(counts, sys.getsizeof(counts))
