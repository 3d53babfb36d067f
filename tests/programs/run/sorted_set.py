import sys
nums = {5, 3, 9, 1}
print(sorted(nums), sorted(nums, reverse=True), sorted(frozenset([4, 2])))
words = set('the quick brown fox jumps over the lazy dog'.split())
print(sorted(words), len(words))
print(sorted(words, reverse=True))
print(sorted({3.5, 1.25, 2.0}), sorted(set()))
r = sorted(set(range(100)))
print(len(r), sys.getsizeof(r), r[:3])
print(sorted({-1, 10, 5}, key=abs))
