import sys
from collections import Counter, defaultdict
# dict() of a defaultdict or a Counter takes dict_merge's dict path (tp_iter is dict_iter).
words = "the cat sat on the mat the end".split()
dd = defaultdict(list)
for w in words:
    dd[len(w)].append(w)
plain = dict(dd)
print(plain, sys.getsizeof(plain), sys.getsizeof(dd))
c = Counter(words)
counts = dict(c)
print(counts, sys.getsizeof(counts), type(counts).__name__)
big = defaultdict(int)
for i in range(20):
    big[i] += i
snapshot = dict(big)
print(len(snapshot), sys.getsizeof(snapshot), sys.getsizeof(big))
print(dict(defaultdict(int)), sys.getsizeof(dict(defaultdict(int))))
