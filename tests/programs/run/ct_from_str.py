# Counter(str): _count_elements over the str's one-character strs.
import sys
import collections

c = collections.Counter('abracadabra')
print(c)
print(sys.getsizeof(c), len(c))
print(c['a'], c['b'], c['z'], 'z' in c, len(c))
d = {}
for ch in 'abracadabra':
    d[ch] = d.get(ch, 0) + 1
print(sys.getsizeof(d), sys.getsizeof(c) - sys.getsizeof(d))
w = collections.Counter('mississippi')
print(w, w.most_common(2))
e = collections.Counter('')
print(e, sys.getsizeof(e))
