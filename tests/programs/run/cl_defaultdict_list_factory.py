# Grouping with defaultdict(list): each missing key gets a new list from the factory.
import sys
import collections

groups = collections.defaultdict(list)
words = ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apricot']
for w in words:
    groups[w[0]].append(w)
print(groups)
print(len(groups), sys.getsizeof(groups))
for k in groups:
    print(k, groups[k], sys.getsizeof(groups[k]), sys.getrefcount(groups[k]))
a = groups['a']
print(sys.getrefcount(a))
del groups['a']
print(sys.getrefcount(a), a, 'a' in groups)
print(groups['z'], len(groups))
