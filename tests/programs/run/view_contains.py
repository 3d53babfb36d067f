# `in` on dict views: keys look the key up, items compare the stored value, values walk
# an iterator (its __eq__ order as list_contains: 3.8 asks the looked-for value first).
import sys
d = {'a': 1, 'b': [2], 'c': 3.5}
print('a' in d.keys(), 'z' in d.keys(), 1 in d.values(), [2] in d.values(), 9 in d.values())
print(('a', 1) in d.items(), ('a', 2) in d.items(), ('b', [2]) in d.items(), 'a' in d.items(), ('q', 1) in d.items())
print(3.5 in d.values(), 3 in d.values(), True in {1: 1}.values())
vals = d.values()
print(sys.getrefcount(vals), sys.getrefcount(d))
class K:
    pass
k = K()
e = {1: k}
print(k in e.values(), K() in e.values(), (1, k) in e.items())
