# elements() (chain.from_iterable(starmap(repeat, items))) and subtract(): refused.
import collections

c = collections.Counter('aab')
print(c)
print(sorted(c.elements()))
