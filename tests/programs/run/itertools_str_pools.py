import itertools
import sys

word = "".join(["a", "b", "c"])
print(list(itertools.product("ab", repeat=2)))
print(list(itertools.permutations("abc", 2)))
print(list(itertools.combinations("abcd", 2)))
print(list(itertools.combinations(range(4), 3)))
print(list(itertools.product(range(2), "xy")))
c = itertools.combinations(word, 2)
print(sys.getrefcount(word))
print(next(c), next(c), sys.getsizeof(c))
del c
print(list(itertools.chain("hi", [1], (2,), {3}, {"k": 0}.keys(), range(2))))
print(["".join(p) for p in itertools.permutations("xyz")])
it = iter([5, 6])
ch = itertools.chain(it, "z")
print(next(ch), list(ch))
rep = itertools.repeat("r", 3)
print(next(rep), list(rep))
prod = itertools.product([1, 2], [3])
print(next(prod), next(prod))
try:
    next(prod)
except StopIteration:
    print("product exhausted")
pool = itertools.combinations("wxyz", 3)
print(next(pool))
