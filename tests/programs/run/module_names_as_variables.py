import sys
original = {"a": [1, 2], "b": 3}
copy = dict(original)
random = [4, 5, 6]
math = {"pi": 3}
print(copy, copy.keys(), len(random), random[0], math["pi"])
copy["c"] = 9
print(original, copy, sys.getsizeof(copy))
def use():
    return copy.get("c"), random.index(5)
print(use())
