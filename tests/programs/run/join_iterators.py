import sys
# str.join drains an iterator into a list first (PySequence_Fast).
nums = [10, 200, 3000]
joined = "+".join(map(str, nums))
print(joined, sys.getsizeof(joined))
print("-".join(str(n) for n in nums))
print("".join(filter(None, ["a", "", "b"])))
print("".join(reversed("abc")), "|".join(reversed(["x", "y"])))
print(",".join(map(str, [])) == "", "".join(map(str, [5])))
before = [str(n) for n in nums]
text = " ".join(str(n * 2) for n in nums)
after = [str(n) for n in nums]
print(text, sys.getsizeof(before), sys.getsizeof(after))
