# Growth of the keys table as Counter(list) and c[k] += 1 add keys; str and int keys.
import sys
import collections

for n in (0, 1, 5, 6, 10, 11, 21, 22, 42, 43, 86):
    a = collections.Counter(range(n))
    b = collections.Counter([str(i) for i in range(n)])
    print(n, sys.getsizeof(a), sys.getsizeof(b))
c = collections.Counter()
seen = []
for i in range(60):
    c['k' + str(i)] += 1
    s = sys.getsizeof(c)
    if len(seen) == 0 or seen[-1] != s:
        seen.append(s)
print(seen)
