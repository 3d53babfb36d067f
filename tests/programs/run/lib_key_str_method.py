import sys
words = ["banana", "Apple", "cherry", "apple", "Date"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=str.upper, reverse=True))
print(min(words, key=str.lower), max(words, key=str.lower))
words.sort(key=str.lower)
print(words)
counts = {"a": 3, "b": 7, "c": 5}
best = max(counts, key=counts.get)
print(best, min(counts, key=counts.get))
print(sorted(counts, key=counts.get, reverse=True))
print(sys.getrefcount(counts))
