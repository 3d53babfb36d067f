def longest(words):
    return max(words, key=len)

print(longest(["a", "abc"]))
print(longest([]))
