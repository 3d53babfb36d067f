import sys
# A generator's for loop over dict views, strs, sets of ints and iterators.
def pairs(d):
    for k, v in d.items():
        yield k, v
def letters(s):
    for ch in s:
        yield ch.upper()
def from_iter(it):
    for x in it:
        yield x * 2
d = {"a": 1, "b": 2}
print(list(pairs(d)), list(letters("hello")), list(from_iter(iter([1, 2]))))
print(list(from_iter(enumerate("xy"))), sum(v for v in d.values()), list(k for k in d.keys()))
print(sorted(x for x in {3, 1, 2}), list(c for c in "ab"), list(p for p in zip("ab", "cd")))
g = (k for k in d)
print(sys.getsizeof(g), next(g), list(g))
