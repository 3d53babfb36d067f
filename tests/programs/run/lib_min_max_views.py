import sys
scores = {"ann": 81, "bob": 95, "cy": 77, "dee": 95}
print(max(scores.values()), min(scores.values()))
print(max(scores.keys()), min(scores.keys(), key=len))
print(max(scores, key=scores.get), min(scores, key=scores.get))
print(sorted(scores.values(), reverse=True))
print(max(scores.keys(), key=scores.get))
ks = scores.keys()
print(sys.getrefcount(scores), max(ks), sys.getrefcount(ks))
print(sum(scores.values()), len(scores))
