# list(), list.extend() and sorted() of a dict and its views: 3.8–3.12 iterate (the
# item iterator's reused tuple, the length hint, the trim); 3.13+ extend directly.
import sys
d = {'b': [2], 'a': [1], 'c': [3]}
x = list(d.items())
print(x, sys.getsizeof(x), sys.getrefcount(x[0]), sys.getrefcount(d['a']))
s = sorted(d.items())
print(s, sys.getsizeof(s))
print(sorted(d), sorted(d.keys()), sys.getsizeof(sorted(d)))
print(sorted(d.values()), sys.getsizeof(sorted(d.values())))
words = "the quick brown fox jumps over the lazy dog the end".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
e = [0]
e.extend(d.values())
e.extend(d.items())
print(e, sys.getsizeof(e))
big = {}
for i in range(40):
    big[str(i)] = i
for n in (list(big.values()), list(big.items()), sorted(big.items()), list(big.keys())):
    print(len(n), sys.getsizeof(n))
