# The key function runs from C once per item, with the item held by min_max (its count inside the call).
import sys
pairs = [[1, "b"], [2, "a"], [0, "c"]]
def score(item):
    print("score", item, sys.getrefcount(item))
    return item[0]
print(min(pairs, key=score))
print(max(pairs, key=score))
print([sys.getrefcount(p) for p in pairs])
