# list(d) and list.extend(d) of dicts of 0..11 keys, into empty, short and long lists:
# 3.13+ resizes once by the dict's size (no iterator, no trim); earlier versions
# presize by the length hint and trim.
import sys
for n in range(12):
    d = {}
    for i in range(n):
        d[i] = None
    a = list(d)
    b = [0]
    b.extend(d)
    c = [0, 1, 2, 3, 4]
    c.extend(d)
    e = []
    e.extend(d)
    f = [0] * 9
    f.append(1)
    f.extend(d)
    print(n, a == list(range(n)), sys.getsizeof(a), sys.getsizeof(b), sys.getsizeof(c), sys.getsizeof(e), sys.getsizeof(f))
