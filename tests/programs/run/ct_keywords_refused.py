# Counter(a=1): the call's keyword dict is merged into the Counter; not modelled.
import collections

c = collections.Counter(a=2, b=1)
print(c)
