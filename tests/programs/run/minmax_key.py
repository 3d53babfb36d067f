# min/max with key= (a function, a lambda, a key built-in such as len) and default=; sorted/list.sort with a key built-in.
import sys
words = ["pear", "fig", "banana", "kiwi", "apple"]
print(max(words, key=len), sorted(words, key=len), max(words, key=lambda w: len(w)), min(words, key=lambda w: (len(w), w)))
print(max(words), min(words, key=None))
counts = {"a": 3, "b": 7, "c": 7, "d": 1}
print(max(counts, key=lambda k: counts[k]), min(counts, key=lambda k: counts[k]))
print(max([], default="none"), min((), default=0), max([5], default=1))
print(max(3, 9, 4, key=lambda x: -x), min(range(10), key=lambda x: (x - 4) ** 2))
pairs = [[1, "b"], [2, "a"], [0, "c"]]
best = max(pairs, key=lambda p: p[1])
print(best, sys.getrefcount(best))
print(len(counts), max(counts), min(counts))
try:
    max([], key=lambda x: x)
except ValueError as e:
    print("ValueError:", e)
nums = [3, -7, 2, -1]
nums.sort(key=abs)
print(nums, sorted(nums, key=abs, reverse=True), max(nums, key=abs), min(["10", "9", "100"], key=int))
